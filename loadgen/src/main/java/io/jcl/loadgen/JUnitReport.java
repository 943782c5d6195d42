package io.jcl.loadgen;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.transform.OutputKeys;
import javax.xml.transform.TransformerException;
import javax.xml.transform.TransformerFactory;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamResult;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * A run as JUnit XML (the surefire format every CI system reads): one test case per threshold and per
 * provoked event, a failure carrying the figures, a threshold with no verdict (the generator's doing) as
 * skipped. Written with the JDK's DOM and transformer, which escape what they must.
 */
public final class JUnitReport {

  /** A provoked event as a test case: a roll, a scale, a killed worker. {@code detail} holds its figures. */
  public record EventCase(String name, boolean passed, String detail) {
  }

  private JUnitReport() {
  }

  public static void write(String suite, Report report, List<ThresholdCheck> checks, List<EventCase> events,
                           double seconds, Path file) throws IOException {
    Document doc;
    try {
      doc = DocumentBuilderFactory.newInstance().newDocumentBuilder().newDocument();
    } catch (ParserConfigurationException e) {
      throw new IOException(e);
    }
    // CI tools read a classname's dots as packages: "jcl verify hello" files its cases under jcl.verify.hello.
    String classes = suite.replaceAll("[^A-Za-z0-9_]+", ".");
    Element root = doc.createElement("testsuite");
    doc.appendChild(root);
    int failures = 0;
    int skipped = 0;
    for (ThresholdCheck c : checks) {
      Element tc = testCase(doc, root, classes + ".thresholds", c.name(), report.durationSeconds());
      switch (c.status()) {
        case FAIL -> {
          failures++;
          child(doc, tc, "failure", c.name() + " failed: " + c.actual());
        }
        case NO_VERDICT -> {
          skipped++;
          child(doc, tc, "skipped", "no verdict: " + (report.saturated()
              ? "the generator did not offer the load: " + String.join("; ", report.saturationReasons())
              : c.actual() + "; the excess is the generator's own lag"));
        }
        case PASS -> child(doc, tc, "system-out", c.actual());
      }
    }
    for (EventCase e : events) {
      Element tc = testCase(doc, root, classes + ".events", e.name(), 0);
      if (e.passed()) {
        child(doc, tc, "system-out", e.detail());
      } else {
        failures++;
        child(doc, tc, "failure", e.name() + " failed: " + e.detail());
      }
    }
    root.setAttribute("name", suite);
    root.setAttribute("tests", Integer.toString(checks.size() + events.size()));
    root.setAttribute("failures", Integer.toString(failures));
    root.setAttribute("errors", "0");
    root.setAttribute("skipped", Integer.toString(skipped));
    root.setAttribute("time", String.format(Locale.ROOT, "%.3f", seconds));
    child(doc, root, "system-out", TextSummary.format(report));
    try {
      var t = TransformerFactory.newInstance().newTransformer();
      t.setOutputProperty(OutputKeys.INDENT, "yes");
      t.setOutputProperty(OutputKeys.ENCODING, "UTF-8");
      if (file.toAbsolutePath().getParent() != null) {
        Files.createDirectories(file.toAbsolutePath().getParent());
      }
      t.transform(new DOMSource(doc), new StreamResult(file.toFile()));
    } catch (TransformerException e) {
      throw new IOException("cannot write " + file + ": " + e.getMessage(), e);
    }
  }

  private static Element testCase(Document doc, Element root, String className, String name, double seconds) {
    Element tc = doc.createElement("testcase");
    tc.setAttribute("classname", className);
    tc.setAttribute("name", name);
    tc.setAttribute("time", String.format(Locale.ROOT, "%.3f", seconds));
    root.appendChild(tc);
    return tc;
  }

  private static void child(Document doc, Element parent, String tag, String text) {
    Element e = doc.createElement(tag);
    if (tag.equals("failure") || tag.equals("skipped")) {
      e.setAttribute("message", text);
    }
    e.setTextContent(text);
    parent.appendChild(e);
  }
}
