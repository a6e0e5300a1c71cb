package dev.stepwise.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Who owns a {@code --data-dir}'s tables: an OS file lock beside them ({@code dynamodb.lock}),
 * which the kernel releases when its process ends, however it ends. A second live stepwise is
 * told in one line which process holds the directory. When the lock is free, any emulator still
 * serving the directory belongs to a process that is gone (a version without the watchdog, killed
 * with SIGKILL): it is stopped, so the directory is taken over instead of failing on its locked
 * tables.
 */
final class DataDirLock implements AutoCloseable {
    private final FileChannel channel;
    private final FileLock lock;

    private DataDirLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    static DataDirLock acquire(Path tables) {
        Path file = tables.resolveSibling(tables.getFileName() + ".lock");
        FileChannel channel;
        try {
            channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open " + file, e);
        }
        try {
            FileLock lock = tryLock(channel);
            if (lock == null) {
                String holder = holder(channel);
                channel.close();
                throw new StepwiseCli.UsageException("the data directory " + tables.getParent() + " is in use by another stepwise process"
                        + (holder.isEmpty() ? "" : " (pid " + holder + ")") + ": stop it, or give another --data-dir");
            }
            stopOrphans(tables.toAbsolutePath().toString());
            channel.truncate(0);
            channel.write(ByteBuffer.wrap((ProcessHandle.current().pid() + "\n").getBytes(StandardCharsets.UTF_8)), 0);
            return new DataDirLock(channel, lock);
        } catch (IOException e) {
            closeQuietly(channel);
            throw new UncheckedIOException("cannot lock " + file, e);
        }
    }

    private static FileLock tryLock(FileChannel channel) throws IOException {
        try {
            return channel.tryLock();
        } catch (OverlappingFileLockException heldInThisJvm) {
            return null;
        }
    }

    private static String holder(FileChannel channel) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(32);
        channel.read(buffer, 0);
        return new String(buffer.array(), 0, buffer.position(), StandardCharsets.UTF_8).trim();
    }

    /** Emulator processes whose command line serves {@code --path tables}; their starter is dead, since the lock was free. */
    private static void stopOrphans(String tables) {
        List<ProcessHandle> orphans = ProcessHandle.allProcesses()
                .filter(process -> process.pid() != ProcessHandle.current().pid())
                .filter(process -> servesPath(process, tables))
                .toList();
        for (ProcessHandle orphan : orphans) {
            orphan.destroyForcibly();
        }
        for (ProcessHandle orphan : orphans) {
            try {
                orphan.onExit().get(5, TimeUnit.SECONDS);
            } catch (Exception stillThere) {
                throw new StepwiseCli.UsageException("the data directory " + Path.of(tables).getParent()
                        + " is held by a DynamoDB emulator that did not stop (pid " + orphan.pid() + ")");
            }
        }
    }

    private static boolean servesPath(ProcessHandle process, String tables) {
        String[] arguments = process.info().arguments().orElse(null);
        if (arguments == null) {
            return false;
        }
        List<String> list = Arrays.asList(arguments);
        int path = list.indexOf("--path");
        return path >= 0 && path + 1 < list.size() && list.get(path + 1).equals(tables)
                && process.info().command().map(command -> command.endsWith("node")).orElse(false);
    }

    @Override
    public void close() {
        try {
            lock.release();
        } catch (IOException ignored) {
            // the channel's close releases it too
        }
        closeQuietly(channel);
    }

    private static void closeQuietly(FileChannel channel) {
        try {
            channel.close();
        } catch (IOException ignored) {
            // nothing left to release
        }
    }
}
