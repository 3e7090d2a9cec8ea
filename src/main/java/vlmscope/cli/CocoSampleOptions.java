package vlmscope.cli;

import picocli.CommandLine.Option;
import vlmscope.VlmscopeException;
import vlmscope.data.CocoImages;
import vlmscope.data.CocoInstances;
import vlmscope.data.WhatsUpDataset;
import vlmscope.experiments.diagnosis.CocoDiagnosisData;
import vlmscope.experiments.diagnosis.TwoObjectSample;

import java.nio.file.Path;
import java.util.List;

/** {@code --whatsup/--instances/--images}: the diagnoses' COCO photos (What'sUp two-object rows) instead of world scenes. */
final class CocoSampleOptions {

    @Option(names = "--whatsup", paramLabel = "JSON", description = "What'sUp coco_qa_two_obj.json: COCO photos instead of world scenes (the first n rows)")
    Path whatsup;

    @Option(names = "--instances", paramLabel = "JSON", description = "COCO instances_val2017.json, with --whatsup")
    Path instances;

    @Option(names = "--images", paramLabel = "DIR", description = "COCO val2017 folder ({id:012d}.jpg), with --whatsup")
    Path images;

    /** Whether COCO photos were asked for. */
    boolean given() {
        return whatsup != null;
    }

    /** The first {@code n} usable rows as samples; rows that cannot be used are reported on stderr by {@code command}. */
    List<TwoObjectSample> samples(int n, String command) {
        if (instances == null || images == null) {
            throw new VlmscopeException("--whatsup needs --instances JSON and --images DIR. Fix: add both");
        }
        var rows = WhatsUpDataset.read(whatsup).rows();
        rows = rows.subList(0, Math.min(n, rows.size()));
        return CocoDiagnosisData.samples(rows, CocoInstances.read(instances), new CocoImages(images),
                line -> System.err.println(command + ": skipping " + line));
    }
}
