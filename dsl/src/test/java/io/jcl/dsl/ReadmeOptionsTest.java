package io.jcl.dsl;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The README's option reference lists every option with its default: the docs cannot drift. */
class ReadmeOptionsTest {

  @Test
  void everyOptionIsDocumentedWithItsDefault() throws Exception {
    String readme = Files.readString(Path.of("..", "README.md"));
    for (Option o : Options.all()) {
      String def = o.defaultValue() == null ? "—" : "`" + o.defaultValue() + "`";
      assertTrue(readme.contains("| `" + o.key() + "` |"), "README lists " + o.key());
      assertTrue(readme.matches("(?s).*\\| `" + java.util.regex.Pattern.quote(o.key()) + "` \\|[^\\n]*\\| "
          + java.util.regex.Pattern.quote(def) + " \\|.*"), "README gives the default of " + o.key() + ": " + def);
    }
  }
}
