package vlmscope.world;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.AffineTransform;
import java.awt.image.BufferedImage;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Rasterised sprite coverage masks, cached per (kind, width, height). Rendering a scene then only blends
 * cached masks, which keeps thousands of small scenes per minute cheap. Antialiasing is always ON and the
 * rasteriser is Java2D's software pipeline, so masks are deterministic for a given JDK.
 */
final class SpriteMasks {

    private static final int MAX_ENTRIES = 8192;
    private static final ConcurrentHashMap<String, byte[]> CACHE = new ConcurrentHashMap<>();

    private SpriteMasks() {
    }

    /** Coverage of the kind's silhouette scaled to width × height: [height * width], 0 … 255, row-major. */
    static byte[] mask(ObjectKind kind, int width, int height) {
        String key = kind.name() + "/" + width + "x" + height;
        byte[] cached = CACHE.get(key);
        if (cached != null) return cached;
        if (CACHE.size() > MAX_ENTRIES) CACHE.clear();
        byte[] mask = rasterise(kind, width, height);
        CACHE.putIfAbsent(key, mask);
        return mask;
    }

    private static byte[] rasterise(ObjectKind kind, int width, int height) {
        BufferedImage canvas = new BufferedImage(width, height, BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = canvas.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
            g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
            g.setColor(Color.WHITE);
            g.fill(AffineTransform.getScaleInstance(width, height).createTransformedShape(kind.unitShape()));
        } finally {
            g.dispose();
        }
        int[] argb = canvas.getRGB(0, 0, width, height, null, 0, width);   // [height * width]
        byte[] mask = new byte[width * height];
        for (int i = 0; i < argb.length; i++) mask[i] = (byte) (argb[i] >>> 24);
        return mask;
    }
}
