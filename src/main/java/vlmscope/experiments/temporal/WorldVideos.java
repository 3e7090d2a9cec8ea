package vlmscope.experiments.temporal;

import com.fasterxml.jackson.databind.node.ObjectNode;
import vlmscope.experiments.ExperimentOutput;
import vlmscope.world.BackgroundChoice;
import vlmscope.world.QaGenerator;
import vlmscope.world.QaItem;
import vlmscope.world.Video;
import vlmscope.world.VideoGenerator;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * World videos (the world's {@link VideoGenerator}: 2–3 segments, one object each) of a fixed frame count, drawn
 * in sequence from one seeded generator so sample i does not depend on how many are asked for. Each asks one of
 * {@link QaGenerator#forVideo}'s questions, alternating the true answer (even samples "before", odd "after") so the
 * two answers are balanced.
 */
public final class WorldVideos {

    private WorldVideos() {
    }

    public static List<TemporalSample> draw(int n, long seed, int canvas, int frames, BackgroundChoice backgrounds) {
        VideoGenerator generator = new VideoGenerator(canvas, frames, frames, backgrounds);
        SplittableRandom rng = new SplittableRandom(seed);
        List<TemporalSample> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Video video = generator.generate(rng);
            String truth = AnswerPieces.WORDS.get(i % 2);
            List<QaItem> items = QaGenerator.forVideo(video).stream().filter(q -> q.answer().equals(truth)).toList();
            out.add(new TemporalSample("v" + i, video, items.get(rng.nextInt(items.size()))));
        }
        return out;
    }

    public static ObjectNode settings(long seed, int canvas, int frames, BackgroundChoice backgrounds) {
        ObjectNode s = ExperimentOutput.object();
        s.put("data", "world videos (2-3 segments, one object each)");
        s.put("seed", seed);
        s.put("canvas", canvas);
        s.put("frames", frames);
        s.put("background", backgrounds.name().toLowerCase(Locale.ROOT));
        return s;
    }
}
