package dev.tenfold.measure;

import java.lang.management.ManagementFactory;
import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.ObjectName;

/**
 * Whether this JVM's JIT is compiling anything or has anything queued: {@code jcmd <pid>
 * Compiler.queue}, asked in-process through HotSpot's DiagnosticCommand MBean. Its text names each
 * compilation in progress and each queued one as {@code Class::method}; the headers and "Empty" do not.
 */
final class JitQueue {
    private static final MBeanServer SERVER = ManagementFactory.getPlatformMBeanServer();
    private static final ObjectName DIAGNOSTIC = diagnosticCommand();
    private static final String[] SIGNATURE = {String[].class.getName()};

    private JitQueue() {
    }

    /**
     * True when nothing compiles or waits to; also where the JVM cannot tell (the wait then rests on
     * the compile time alone).
     */
    static boolean idle() {
        if (DIAGNOSTIC == null) {
            return true;
        }
        try {
            Object queue = SERVER.invoke(DIAGNOSTIC, "compilerQueue", new Object[] {null}, SIGNATURE);
            return !(queue instanceof String text) || idle(text);
        } catch (JMException | RuntimeException notHotSpot) {
            return true;
        }
    }

    /** The text of {@code Compiler.queue} names no compilation, in progress or queued. */
    static boolean idle(String compilerQueue) {
        return compilerQueue.lines().noneMatch(line -> line.contains("::"));
    }

    private static ObjectName diagnosticCommand() {
        try {
            ObjectName name = new ObjectName("com.sun.management:type=DiagnosticCommand");
            return SERVER.isRegistered(name) ? name : null;
        } catch (JMException e) {
            return null;
        }
    }
}
