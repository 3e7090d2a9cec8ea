package vlmscope.finetune;

import vlmscope.VlmscopeException;
import vlmscope.tensor.SafetensorsFile;
import vlmscope.tensor.SafetensorsWriter;
import vlmscope.train.Parameter;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Writes a fine-tuned checkpoint folder: every file of the source folder, with {@code model.safetensors} rewritten
 * so that the trained tensors take their new values (float32) and every other tensor keeps the source's.
 */
public final class FinetunedModel {

    private FinetunedModel() {
    }

    public static void write(Path source, Path target, List<Parameter> trained) {
        Map<String, Parameter> byName = trained.stream().collect(Collectors.toMap(Parameter::name, Function.identity()));
        try {
            Files.createDirectories(target);
            try (Stream<Path> files = Files.list(source)) {
                for (Path f : files.toList()) {
                    if (Files.isRegularFile(f) && !f.getFileName().toString().equals("model.safetensors")) {
                        Files.copy(f, target.resolve(f.getFileName()), StandardCopyOption.REPLACE_EXISTING);
                    }
                }
            }
        } catch (IOException e) {
            throw VlmscopeException.badInput(target, "cannot write the fine-tuned model (" + e.getMessage() + ")", "check the folder", e);
        }
        SafetensorsWriter w = new SafetensorsWriter().metadata("format", "pt");
        try (SafetensorsFile f = SafetensorsFile.open(source.resolve("model.safetensors"))) {
            for (String name : f.names()) {
                Parameter p = byName.get(name);
                if (p != null) w.add(name, p.value().toFloatArray(), p.shape());
                else w.add(name, f.readFloats(name), f.info(name).shape());
            }
        }
        w.write(target.resolve("model.safetensors"));
    }
}
