package io.releasewatch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.releasewatch.support.SlackReceiver;
import io.releasewatch.support.TestMonitor;
import java.lang.management.ManagementFactory;
import java.lang.reflect.Array;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import javax.management.MBeanAttributeInfo;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import javax.management.openmbean.CompositeData;
import javax.management.openmbean.TabularData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Camel's JMX view of the monitor: route ids and counters are visible, secrets are not. */
class JmxTest {
    private static final MBeanServer JMX = ManagementFactory.getPlatformMBeanServer();

    @TempDir
    Path root;

    @Test
    void routeMBeansShowTheRoutesAndTheCheckRunsWithoutLeakingTheSlackWebhook() throws Exception {
        try (SlackReceiver slack = new SlackReceiver();
                TestMonitor m = TestMonitor.start(root, Map.of(
                        "monitor.demo.port", String.valueOf(TestMonitor.freePort()),
                        "monitor.cadence.health.phase1", "1s",
                        "monitor.slack.webhook-url", slack.url()))) {
            String domain = "org.apache.camel:context=" + m.watch.camelContext().getManagementName();
            ObjectName checkRun = new ObjectName("org.apache.camel:context=" + m.watch.camelContext().getManagementName()
                    + ",type=routes,name=\"check-run\"");

            Set<String> routeIds = JMX.queryNames(new ObjectName(domain + ",type=routes,*"), null).stream()
                    .map(n -> {
                        try {
                            return (String) JMX.getAttribute(n, "RouteId");
                        } catch (Exception e) {
                            throw new IllegalStateException(e);
                        }
                    })
                    .collect(Collectors.toSet());
            assertThat(routeIds).containsAll(RouteFilesTest.SHIPPED_ROUTE_IDS);

            await().atMost(Duration.ofSeconds(20))
                    .untilAsserted(() -> assertThat((Long) JMX.getAttribute(checkRun, "ExchangesTotal")).isPositive());

            // Every readable attribute of every Camel MBean of this context (context, routes, endpoints, processors,
            // components, services...), rendered as text.
            List<String> leaks = new ArrayList<>();
            Set<String> typesRead = new java.util.TreeSet<>();
            for (ObjectName name : JMX.queryNames(new ObjectName(domain + ",*"), null)) {
                for (MBeanAttributeInfo a : JMX.getMBeanInfo(name).getAttributes()) {
                    if (!a.isReadable()) continue;
                    Object value;
                    try {
                        value = JMX.getAttribute(name, a.getName());
                    } catch (Exception | Error e) {
                        continue; // an attribute this set-up does not support
                    }
                    typesRead.add(name.getKeyProperty("type"));
                    String text = render(value);
                    if (text.contains(slack.url()) || text.contains("secret-token")) leaks.add(name + " " + a.getName());
                }
            }
            assertThat(typesRead).contains("context", "routes", "endpoints");
            assertThat(leaks).as("MBean attributes showing the Slack webhook URL").isEmpty();
        }
    }

    private static String render(Object v) {
        if (v == null) return "";
        if (v instanceof CompositeData cd) {
            return cd.getCompositeType().keySet().stream().map(k -> k + "=" + render(cd.get(k))).collect(Collectors.joining(","));
        }
        if (v instanceof TabularData td) {
            return td.values().stream().map(JmxTest::render).collect(Collectors.joining(";"));
        }
        if (v instanceof Collection<?> c) return c.stream().map(JmxTest::render).collect(Collectors.joining(";"));
        if (v instanceof Map<?, ?> mp) {
            return mp.entrySet().stream().map(e -> render(e.getKey()) + "=" + render(e.getValue())).collect(Collectors.joining(";"));
        }
        if (v.getClass().isArray()) {
            StringBuilder sb = new StringBuilder();
            for (int i = 0; i < Array.getLength(v); i++) sb.append(render(Array.get(v, i))).append(';');
            return sb.toString();
        }
        return String.valueOf(v);
    }
}
