package vlmscope.results;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import vlmscope.VlmscopeException;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.List;

/**
 * {@code --repair}: moves a results file's damaged lines (and a torn last line) to its side file
 * ({@code results.bad.jsonl}, one {@code {"line": n, "problem": …, "text": …}} per line, appended) and rewrites the
 * file atomically with the header and every good record, byte for byte. A damaged header is not repaired: the run's
 * settings are in it.
 */
final class ResultsRepair {

    private static final ObjectMapper JSON = new ObjectMapper();

    private ResultsRepair() {
    }

    /** Repairs {@code scan}'s file (whose content is {@code bytes}) and returns the scan of the repaired file. */
    static ResultsScan repair(ResultsScan scan, byte[] bytes) {
        Path file = scan.file();
        if (scan.damaged().getFirst().number() == 1) return scan; // the caller's check names the header and the fix
        Path side = ResultsScan.sideFile(file);
        Path tmp = file.resolveSibling(file.getFileName() + ".repair.tmp");
        try {
            StringBuilder moved = new StringBuilder();
            List<ResultsScan.Line> bad = scan.torn() == null ? scan.damaged()
                    : java.util.stream.Stream.concat(scan.damaged().stream(), java.util.stream.Stream.of(scan.torn())).toList();
            for (ResultsScan.Line line : bad) {
                ObjectNode entry = JSON.createObjectNode();
                entry.put("line", line.number());
                entry.put("problem", line.problem());
                entry.put("text", line.text(bytes));
                moved.append(JSON.writeValueAsString(entry)).append('\n');
            }
            Files.writeString(side, moved, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            ByteArrayOutputStream kept = new ByteArrayOutputStream(bytes.length);
            for (ResultsScan.Line line : scan.good()) {
                kept.write(bytes, line.start(), line.end() - line.start());
                kept.write('\n');
            }
            Files.write(tmp, kept.toByteArray());
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            System.err.println(file + ": moved " + bad.size() + " damaged line" + (bad.size() == 1 ? "" : "s") + " (line "
                    + String.join(", ", bad.stream().map(l -> String.valueOf(l.number())).toList()) + ") to "
                    + side.getFileName() + "; kept " + scan.records().size() + " records");
            return ResultsScan.of(file, Files.readAllBytes(file));
        } catch (IOException e) {
            throw VlmscopeException.badInput(file, "cannot repair (" + e.getMessage() + "); the file is unchanged",
                    "check that the folder is writable and has free space", e);
        }
    }
}
