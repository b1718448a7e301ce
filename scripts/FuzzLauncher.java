import java.io.PrintWriter;
import java.lang.reflect.Method;
import org.junit.platform.engine.discovery.DiscoverySelectors;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;
import org.junit.platform.launcher.listeners.TestExecutionSummary;

/**
 * Runs one JUnit test method in this JVM, for scripts/fuzz: Jazzer fuzzes a single @FuzzTest per JVM, and
 * starting Maven for each one cost more than the fuzzing. Usage: java -cp TEST_CLASSPATH FuzzLauncher CLASS METHOD.
 * Exits 0 only when the method ran and passed.
 */
public class FuzzLauncher {
  public static void main(String[] args) throws Exception {
    Class<?> testClass = Class.forName(args[0]);
    Method method = null;
    for (Method m : testClass.getDeclaredMethods()) {
      if (m.getName().equals(args[1])) {
        method = m;
      }
    }
    if (method == null) {
      System.err.println("no method " + args[1] + " in " + args[0]);
      System.exit(2);
    }
    LauncherDiscoveryRequest request = LauncherDiscoveryRequestBuilder.request()
        .selectors(DiscoverySelectors.selectMethod(testClass, method))
        .build();
    Launcher launcher = LauncherFactory.create();
    SummaryGeneratingListener listener = new SummaryGeneratingListener();
    launcher.execute(request, listener);
    TestExecutionSummary summary = listener.getSummary();
    PrintWriter out = new PrintWriter(System.out, true);
    summary.printFailuresTo(out, 40);
    summary.printTo(out);
    System.exit(summary.getTotalFailureCount() == 0 && summary.getTestsSucceededCount() > 0 ? 0 : 1);
  }
}
