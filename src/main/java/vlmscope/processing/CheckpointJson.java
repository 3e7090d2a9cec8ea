package vlmscope.processing;

import com.fasterxml.jackson.databind.JsonNode;
import vlmscope.Json;

import java.nio.file.Path;

/** The processors' reading of a checkpoint folder's JSON files, with one error for an unreadable one. */
final class CheckpointJson {

    private CheckpointJson() {
    }

    /** The tree of {@code file}; unreadable or malformed: "FILE: not readable as JSON (…). Fix: restore the file …". */
    static JsonNode read(Path file) {
        return Json.read(file, "not readable as JSON", "restore the file from the checkpoint");
    }
}
