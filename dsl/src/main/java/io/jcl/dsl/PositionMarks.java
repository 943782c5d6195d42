package io.jcl.dsl;

import java.util.ArrayList;
import java.util.List;
import org.codehaus.groovy.ast.ClassCodeVisitorSupport;
import org.codehaus.groovy.ast.ClassHelper;
import org.codehaus.groovy.ast.ClassNode;
import org.codehaus.groovy.ast.ConstructorNode;
import org.codehaus.groovy.ast.MethodNode;
import org.codehaus.groovy.ast.expr.ArgumentListExpression;
import org.codehaus.groovy.ast.expr.ConstantExpression;
import org.codehaus.groovy.ast.expr.StaticMethodCallExpression;
import org.codehaus.groovy.ast.stmt.BlockStatement;
import org.codehaus.groovy.ast.stmt.ExpressionStatement;
import org.codehaus.groovy.ast.stmt.Statement;
import org.codehaus.groovy.classgen.GeneratorContext;
import org.codehaus.groovy.control.CompilePhase;
import org.codehaus.groovy.control.SourceUnit;
import org.codehaus.groovy.control.customizers.CompilationCustomizer;

/**
 * Puts {@code Positions.mark(line, col)} before every statement of a script, so checks that can only
 * run while the script is evaluated still report the exact line and column.
 */
final class PositionMarks extends CompilationCustomizer {

  private static final ClassNode POSITIONS = ClassHelper.make(Positions.class);

  PositionMarks() {
    super(CompilePhase.CANONICALIZATION);
  }

  @Override
  public void call(SourceUnit source, GeneratorContext context, ClassNode classNode) {
    new ClassCodeVisitorSupport() {
      private boolean inConstructor;

      @Override
      protected SourceUnit getSourceUnit() {
        return source;
      }

      @Override
      public void visitConstructor(ConstructorNode node) {
        inConstructor = true; // super()/this() must stay first: leave constructors alone
        super.visitConstructor(node);
        inConstructor = false;
      }

      @Override
      public void visitMethod(MethodNode node) {
        if (!node.isSynthetic() && !node.getName().equals("main")) {
          super.visitMethod(node);
        }
      }

      @Override
      public void visitBlockStatement(BlockStatement block) {
        super.visitBlockStatement(block);
        if (inConstructor) {
          return;
        }
        List<Statement> marked = new ArrayList<>();
        for (Statement s : block.getStatements()) {
          if (s.getLineNumber() > 0) {
            marked.add(mark(s.getLineNumber(), s.getColumnNumber()));
          }
          marked.add(s);
        }
        block.getStatements().clear();
        block.getStatements().addAll(marked);
      }
    }.visitClass(classNode);
  }

  private static Statement mark(int line, int column) {
    ArgumentListExpression args = new ArgumentListExpression(
        new ConstantExpression(line, true), new ConstantExpression(column, true));
    return new ExpressionStatement(new StaticMethodCallExpression(POSITIONS, "mark", args));
  }
}
