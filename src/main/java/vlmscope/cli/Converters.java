package vlmscope.cli;

import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;
import vlmscope.model.Precision;
import vlmscope.world.BackgroundChoice;

import java.nio.file.Path;
import java.util.Locale;

/**
 * picocli converters for the option values several commands share. A bad value fails while the command line is
 * parsed, as one line naming the option, the value and what to write instead (exit code 2).
 */
final class Converters {

    private Converters() {
    }

    /** {@code fp32 | bf16} (also {@code float32}, {@code bfloat16}), any case. */
    static final class PrecisionValue implements ITypeConverter<Precision> {
        @Override
        public Precision convert(String value) {
            return switch (value.strip().toLowerCase(Locale.ROOT)) {
                case "fp32", "float32", "f32" -> Precision.FP32;
                case "bf16", "bfloat16" -> Precision.BF16;
                default -> throw new TypeConversionException("'" + value + "' is not a precision. Fix: use fp32 or bf16");
            };
        }
    }

    /** A folder or file to write: any path but the empty one (which would write into the working directory). */
    static final class OutputPath implements ITypeConverter<Path> {
        @Override
        public Path convert(String value) {
            if (value.isBlank()) {
                throw new TypeConversionException("the output path is empty. Fix: name a folder, e.g. --out runs/x");
            }
            return Path.of(value);
        }
    }

    /** A count ≥ 0 (samples, videos, questions). */
    static final class Count implements ITypeConverter<Integer> {
        @Override
        public Integer convert(String value) {
            int n;
            try {
                n = Integer.parseInt(value.strip());
            } catch (NumberFormatException e) {
                throw new TypeConversionException("'" + value + "' is not a whole number. Fix: pass a count such as 20");
            }
            if (n < 0) throw new TypeConversionException("'" + value + "' is negative. Fix: pass a count of 0 or more");
            return n;
        }
    }

    /** {@code black | textured | mixed}, any case. */
    static final class Background implements ITypeConverter<BackgroundChoice> {
        @Override
        public BackgroundChoice convert(String value) {
            for (BackgroundChoice c : BackgroundChoice.values()) if (c.name().equalsIgnoreCase(value.strip())) return c;
            throw new TypeConversionException("'" + value + "' is not a background. Fix: use black, textured or mixed");
        }
    }

    /** A prompt format: the paper's raw {@code "<image>\n" + text}, or the checkpoint's chat template. */
    enum PromptFormat {
        RAW, CHAT;

        boolean raw() {
            return this == RAW;
        }
    }

    /** {@code raw | chat}, any case. */
    static final class Format implements ITypeConverter<PromptFormat> {
        @Override
        public PromptFormat convert(String value) {
            return switch (value.strip().toLowerCase(Locale.ROOT)) {
                case "raw" -> PromptFormat.RAW;
                case "chat" -> PromptFormat.CHAT;
                default -> throw new TypeConversionException("'" + value + "' is not a prompt format. Fix: use raw or chat");
            };
        }
    }
}
