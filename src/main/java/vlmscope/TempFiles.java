package vlmscope;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * Temp files for the write-then-rename path, readable like any other file the user writes (rw-r--r--, less the
 * umask): {@link Files#createTempFile} alone makes them owner-only (0600), and the rename would keep that mode.
 */
public final class TempFiles {

    private TempFiles() {
    }

    /** A new empty temp file in {@code dir} named {@code prefix…suffix}. */
    public static Path beside(Path dir, String prefix, String suffix) throws IOException {
        if (!FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) return Files.createTempFile(dir, prefix, suffix);
        return Files.createTempFile(dir, prefix, suffix, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-r--r--")));
    }
}
