package vlmscope.results;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vlmscope.VlmscopeException;
import vlmscope.CapturedStderr;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.*;

/** One writer per output folder; a lock left by a dead process is taken over. */
class FolderLockTest {

    @TempDir
    Path tmp;

    @Test
    void aSecondStoreOnTheSameFolderFailsNamingThePidAndFolder() {
        Path file = tmp.resolve("results.jsonl");
        try (ResultStore first = ResultStore.open(file, ResultStoreTest.header(3))) {
            first.append("a", ResultStoreTest.JSON.createObjectNode());
            VlmscopeException e = assertThrows(VlmscopeException.class, () -> ResultStore.open(file, ResultStoreTest.header(3)));
            assertTrue(e.getMessage().startsWith(tmp.toAbsolutePath() + ": another vlmscope run (pid " + ProcessHandle.current().pid()), e.getMessage());
            assertTrue(e.getMessage().contains("Fix: wait for it to finish, or use another --out folder"), e.getMessage());
            first.append("b", ResultStoreTest.JSON.createObjectNode()); // the first writer is unharmed
        }
        try (ResultStore again = ResultStore.open(file, ResultStoreTest.header(3))) {
            assertEquals(2, again.size());
        }
    }

    @Test
    void aStaleLockFromADeadProcessIsTakenOverWithANote() throws IOException {
        Files.writeString(tmp.resolve(FolderLock.FILE_NAME), "{\"pid\":2147483000,\"host\":\"h\",\"started\":\"2026-01-01T00:00:00Z\"}\n");
        String err = CapturedStderr.of(() -> {
            try (ResultStore s = ResultStore.open(tmp.resolve("results.jsonl"), ResultStoreTest.header(3))) {
                s.append("a", ResultStoreTest.JSON.createObjectNode());
            }
        });
        assertTrue(err.contains(tmp.toAbsolutePath() + ": taking over the lock left by pid 2147483000 on h since 2026-01-01T00:00:00Z"), err);
        assertEquals("", Files.readString(tmp.resolve(FolderLock.FILE_NAME)), "closing clears the owner");
    }

    @Test
    void aLockHeldByAnotherProcessBlocksUntilThatProcessIsKilled() throws Exception {
        Process holder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), LockHolder.class.getName(), tmp.toString())
                .redirectErrorStream(true).start();
        try {
            assertEquals("locked", new String(holder.getInputStream().readNBytes(6)));
            VlmscopeException e = assertThrows(VlmscopeException.class, () -> FolderLock.acquire(tmp));
            assertTrue(e.getMessage().contains("(pid " + holder.pid() + " on "), e.getMessage());
        } finally {
            holder.destroyForcibly().waitFor();
        }
        String err = CapturedStderr.of(() -> FolderLock.acquire(tmp).close());
        assertTrue(err.contains("taking over the lock left by pid " + holder.pid()), err);
    }

    /** Holds the lock of the folder in args[0] until killed. */
    public static final class LockHolder {
        public static void main(String[] args) throws InterruptedException {
            FolderLock.acquire(Path.of(args[0]));
            System.out.print("locked");
            System.out.flush();
            Thread.sleep(60_000);
        }
    }
}
