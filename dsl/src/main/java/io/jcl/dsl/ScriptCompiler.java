package io.jcl.dsl;

import groovy.transform.CompileStatic;
import groovyjarjarantlr4.v4.runtime.CharStreams;
import groovyjarjarantlr4.v4.runtime.Token;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.groovy.parser.antlr4.GroovyLangLexer;
import org.apache.groovy.parser.antlr4.GroovyLexer;
import org.codehaus.groovy.control.CompilationFailedException;
import org.codehaus.groovy.control.CompilationUnit;
import org.codehaus.groovy.control.CompilePhase;
import org.codehaus.groovy.control.CompilerConfiguration;
import org.codehaus.groovy.control.ErrorCollector;
import org.codehaus.groovy.control.customizers.ASTTransformationCustomizer;
import org.codehaus.groovy.control.customizers.ImportCustomizer;
import org.codehaus.groovy.control.messages.ExceptionMessage;
import org.codehaus.groovy.control.messages.Message;
import org.codehaus.groovy.control.messages.SimpleMessage;
import org.codehaus.groovy.control.messages.SyntaxErrorMessage;
import org.codehaus.groovy.syntax.SyntaxException;
import org.codehaus.groovy.tools.GroovyClass;

/**
 * Compiles a deployment script with static type checking, so a typo or a wrong type is a compile error
 * with its position before anything runs.
 */
public final class ScriptCompiler {

  private static final String STC_PREFIX = "[Static type checking] - ";

  private ScriptCompiler() {
  }

  public static CompiledScript compile(Path file) {
    String name = file.toString();
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      throw new ScriptProblems(List.of(new Problem(SourcePosition.external(name), "no such file")));
    } catch (IOException e) {
      throw new ScriptProblems(List.of(new Problem(SourcePosition.external(name), "cannot read: " + e.getMessage())));
    }
    return compile(name, text, file.toAbsolutePath().getParent());
  }

  public static CompiledScript compile(String sourceName, String text, Path scriptDir) {
    CompilationUnit unit = new CompilationUnit(configuration());
    unit.addSource(sourceName, text);
    try {
      unit.compile(CompilePhase.CLASS_GENERATION.getPhaseNumber());
    } catch (CompilationFailedException e) {
      List<Problem> problems = problems(sourceName, unit.getErrorCollector());
      if (!problems.isEmpty() && problems.get(0).message().startsWith("Unexpected input")) {
        problems = unbalanced(sourceName, text).map(List::of).orElse(problems);
      }
      throw new ScriptProblems(problems);
    }
    Map<String, byte[]> classes = new LinkedHashMap<>();
    String main = null;
    for (GroovyClass c : unit.getClasses()) {
      classes.put(c.getName(), c.getBytes());
      if (main == null && !c.getName().contains("$")) {
        main = c.getName();
      }
    }
    // The script class is the one named after the file; classes the script declares come after it.
    String scriptClass = unit.getAST().getModules().get(0).getScriptClassDummy() != null
        ? unit.getAST().getModules().get(0).getScriptClassDummy().getName() : main;
    return new CompiledScript(sourceName, scriptDir, scriptClass, classes);
  }

  private static CompilerConfiguration configuration() {
    CompilerConfiguration config = new CompilerConfiguration();
    config.setScriptBaseClass(ClusterScript.class.getName());
    config.setTolerance(20); // report up to 20 problems, not just the first
    ImportCustomizer imports = new ImportCustomizer()
        .addStarImports("io.vertx.core", "io.vertx.core.buffer", "io.vertx.core.http", "io.vertx.core.json",
            "io.vertx.ext.web", "io.vertx.ext.web.handler")
        .addImports("java.time.Duration");
    config.addCompilationCustomizers(
        imports,
        new OptionAssignmentCheck(),
        new PositionMarks(),
        new ASTTransformationCustomizer(Map.of("extensions", DslTypeChecking.class.getName()), CompileStatic.class));
    return config;
  }

  private static List<Problem> problems(String file, ErrorCollector errors) {
    List<Problem> out = new ArrayList<>();
    for (Message m : errors.getErrors()) {
      if (m instanceof SyntaxErrorMessage sem) {
        SyntaxException se = sem.getCause();
        String msg = se.getOriginalMessage();
        if (msg.startsWith(STC_PREFIX)) {
          msg = msg.substring(STC_PREFIX.length());
        }
        out.add(new Problem(new SourcePosition(file, se.getLine(), se.getStartColumn()), firstLine(msg)));
      } else if (m instanceof ExceptionMessage em) {
        out.add(new Problem(SourcePosition.external(file), String.valueOf(em.getCause().getMessage())));
      } else if (m instanceof SimpleMessage sm) {
        out.add(new Problem(SourcePosition.external(file), sm.getMessage()));
      }
    }
    return out;
  }

  /**
   * Groovy's parser reports a stray or missing bracket inside a block as "Unexpected input: '{'" at the
   * block's opening brace, often lines above the mistake; the brackets' balance says where it is.
   */
  private static Optional<Problem> unbalanced(String file, String text) {
    Deque<Token> open = new ArrayDeque<>();
    String[] lines = text.split("\n", -1);
    Token dedented = null; // the first '{' closed by a '}' left of its line: the likely unclosed one
    try {
      // Groovy's own lexer (its ANTLR is shaded in groovy.jar): strings, comments and "${ }" as the parser sees them.
      GroovyLangLexer lexer = new GroovyLangLexer(CharStreams.fromString(text));
      lexer.removeErrorListeners();
      for (Token t = lexer.nextToken(); t.getType() != Token.EOF; t = lexer.nextToken()) {
        String closes = switch (t.getType()) {
          case GroovyLexer.RPAREN -> "(";
          case GroovyLexer.RBRACK -> "[";
          case GroovyLexer.RBRACE -> "{";
          default -> null;
        };
        if (t.getType() == GroovyLexer.LPAREN || t.getType() == GroovyLexer.LBRACK
            || t.getType() == GroovyLexer.LBRACE || t.getType() == GroovyLexer.SAFE_INDEX) {
          open.push(t);
        } else if (closes != null && !open.isEmpty() && !open.peek().getText().endsWith(closes)
            && t.getType() == GroovyLexer.RBRACE) {
          // A '}' meeting an open '(' or '[': that one was left open (a ')' meeting a '{' is the stray one).
          Token o = open.peek();
          return Optional.of(at(file, o, "'" + o.getText() + "' is never closed: '" + closing(o)
              + "' missing before the '}' at " + t.getLine() + ":" + (t.getCharPositionInLine() + 1)));
        } else if (closes != null && (open.isEmpty() || !open.peek().getText().endsWith(closes))) {
          return Optional.of(at(file, t, "unexpected '" + t.getText() + "': no '" + closes + "' is open here"));
        } else if (closes != null) {
          Token o = open.pop();
          int column = t.getCharPositionInLine();
          if (dedented == null && o.getType() == GroovyLexer.LBRACE && o.getLine() != t.getLine()
              && column == indent(lines, t.getLine()) && column < indent(lines, o.getLine())) {
            dedented = o;
          }
        }
      }
    } catch (RuntimeException e) {
      return Optional.empty(); // a lexical error (an unclosed string, say): Groovy's own message is precise
    }
    if (open.isEmpty()) {
      return Optional.empty();
    }
    Token unclosed = dedented != null && open.peek().getType() == GroovyLexer.LBRACE ? dedented : open.peek();
    return Optional.of(at(file, unclosed, "'" + unclosed.getText() + "' is never closed: '" + closing(unclosed)
        + "' missing before the end of the file"));
  }

  private static int indent(String[] lines, int line) {
    String s = line <= lines.length ? lines[line - 1] : "";
    int i = 0;
    while (i < s.length() && (s.charAt(i) == ' ' || s.charAt(i) == '\t')) {
      i++;
    }
    return i;
  }

  private static String closing(Token open) {
    return open.getText().endsWith("(") ? ")" : open.getText().endsWith("[") ? "]" : "}";
  }

  private static Problem at(String file, Token t, String message) {
    return new Problem(new SourcePosition(file, t.getLine(), t.getCharPositionInLine() + 1), message);
  }

  private static String firstLine(String msg) {
    int nl = msg.indexOf('\n');
    String line = (nl < 0 ? msg : msg.substring(0, nl)).trim();
    // The checker's boilerplate adds nothing to "Cannot find matching method X#y(Z).".
    return line.replace(" Please check if the declared type is correct and if the method exists.", "");
  }
}
