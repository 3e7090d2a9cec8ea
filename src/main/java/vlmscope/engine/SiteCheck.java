package vlmscope.engine;

import vlmscope.VlmscopeException;
import vlmscope.hooks.Site;

import java.util.Collection;

/**
 * Checks hook sites against a loaded model's block counts, so a site the model never visits (e.g.
 * {@code blocks.99.resid_post} on a 6-block model) fails at once instead of silently changing or reading nothing.
 */
final class SiteCheck {

    private final int blocks;
    private final int visionBlocks;

    SiteCheck(int blocks, int visionBlocks) {
        this.blocks = blocks;
        this.visionBlocks = visionBlocks;
    }

    void check(Collection<Site> sites) {
        for (Site s : sites) check(s);
    }

    void check(Site site) {
        if (!site.kind().perBlock()) return;
        boolean vision = site.isVision();
        int n = vision ? visionBlocks : blocks;
        if (site.block() < n) return;
        String tower = vision ? "vision blocks (the tower runs up to the selected feature layer)" : "decoder blocks";
        throw new VlmscopeException("hook site " + site + " names block " + site.block() + " but this model has "
                + n + " " + tower + ", numbered 0.." + (n - 1) + ". Fix: use a block index from 0 to " + (n - 1));
    }
}
