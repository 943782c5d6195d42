package io.jcl.dsl;

import java.util.Set;
import java.util.stream.Collectors;
import org.codehaus.groovy.ast.ClassCodeVisitorSupport;
import org.codehaus.groovy.ast.ClassNode;
import org.codehaus.groovy.ast.DynamicVariable;
import org.codehaus.groovy.ast.expr.BinaryExpression;
import org.codehaus.groovy.ast.expr.VariableExpression;
import org.codehaus.groovy.classgen.GeneratorContext;
import org.codehaus.groovy.control.CompilePhase;
import org.codehaus.groovy.control.SourceUnit;
import org.codehaus.groovy.control.customizers.CompilationCustomizer;
import org.codehaus.groovy.control.messages.SyntaxErrorMessage;
import org.codehaus.groovy.syntax.SyntaxException;
import org.codehaus.groovy.syntax.Types;

/**
 * {@code workers = 4} inside a block compiles in a script (it sets a binding variable) and silently
 * does nothing; this makes it the error the user needs.
 */
final class OptionAssignmentCheck extends CompilationCustomizer {

  /** Last segment of every option key: workers, port, interval, ... */
  private static final Set<String> OPTION_NAMES = Options.all().stream()
      .map(o -> o.key().substring(o.key().lastIndexOf('.') + 1))
      .collect(Collectors.toUnmodifiableSet());

  OptionAssignmentCheck() {
    super(CompilePhase.CANONICALIZATION);
  }

  @Override
  public void call(SourceUnit source, GeneratorContext context, ClassNode classNode) {
    new ClassCodeVisitorSupport() {
      @Override
      protected SourceUnit getSourceUnit() {
        return source;
      }

      @Override
      public void visitBinaryExpression(BinaryExpression e) {
        super.visitBinaryExpression(e);
        if (e.getOperation().getType() == Types.ASSIGN && e.getLeftExpression() instanceof VariableExpression v
            && v.getAccessedVariable() instanceof DynamicVariable && OPTION_NAMES.contains(v.getName())) {
          source.getErrorCollector().addError(new SyntaxErrorMessage(new SyntaxException(
              "options are set without '=': write '" + v.getName() + " value', not '" + v.getName() + " = value'",
              v.getLineNumber(), v.getColumnNumber()), source));
        }
      }
    }.visitClass(classNode);
  }
}
