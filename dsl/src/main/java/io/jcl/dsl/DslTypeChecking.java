package io.jcl.dsl;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.codehaus.groovy.ast.ClassHelper;
import org.codehaus.groovy.ast.ClassNode;
import org.codehaus.groovy.ast.MethodNode;
import org.codehaus.groovy.ast.expr.ArgumentListExpression;
import org.codehaus.groovy.ast.expr.ClosureExpression;
import org.codehaus.groovy.ast.expr.Expression;
import org.codehaus.groovy.ast.expr.MethodCallExpression;
import org.codehaus.groovy.ast.expr.TupleExpression;
import org.codehaus.groovy.ast.expr.MethodCall;
import org.codehaus.groovy.ast.expr.VariableExpression;
import org.codehaus.groovy.transform.stc.AbstractTypeCheckingExtension;
import org.codehaus.groovy.transform.stc.StaticTypeCheckingVisitor;
import org.codehaus.groovy.transform.stc.TypeCheckingContext;

/**
 * Turns the type checker's generic complaints inside DSL blocks into the ones a user can act on:
 * "unknown option 'workerz' in cluster { }; did you mean 'workers'?" and
 * "cluster.workers expects a whole number or auto, got String".
 */
public final class DslTypeChecking extends AbstractTypeCheckingExtension {

  /** Block name and option prefix of each spec class, as a user writes them. */
  private static final Map<String, String[]> BLOCKS = Map.ofEntries(
      Map.entry(ClusterScript.class.getName(), new String[] {"the script", ""}),
      Map.entry(ClusterSpec.class.getName(), new String[] {"cluster { }", "cluster."}),
      Map.entry(StickySpec.class.getName(), new String[] {"sticky { }", "cluster.sticky."}),
      Map.entry(JvmSpec.class.getName(), new String[] {"jvm { }", "cluster.jvm."}),
      Map.entry(IpcSpec.class.getName(), new String[] {"ipc { }", "cluster.ipc."}),
      Map.entry(HealthSpec.class.getName(), new String[] {"health { }", "health."}),
      Map.entry(RestartSpec.class.getName(), new String[] {"restart { }", "restart."}),
      Map.entry(BackoffSpec.class.getName(), new String[] {"backoff { }", "restart.backoff."}),
      Map.entry(WorkerSpec.class.getName(), new String[] {"worker { }", "worker."}),
      Map.entry(HttpSpec.class.getName(), new String[] {"http { }", "worker."}),
      Map.entry(PrimarySpec.class.getName(), new String[] {"primary { }", "primary."}));

  public DslTypeChecking(StaticTypeCheckingVisitor visitor) {
    super(visitor);
  }

  @Override
  public List<MethodNode> handleMissingMethod(ClassNode receiver, String name, ArgumentListExpression args,
                                              ClassNode[] argTypes, MethodCall call) {
    ClassNode block = currentBlock();
    if (block == null || !(call instanceof MethodCallExpression mce && mce.isImplicitThis())) {
      return List.of(); // ordinary Groovy code (e.g. inside a route handler): the checker's own message
    }
    String[] names = BLOCKS.get(block.getName());
    Set<String> known = optionNames(block);
    if (known.contains(name)) {
      addStaticTypeError(wrongType(names[1] + name, name, argTypes, block), call.getReceiver() == null
          ? (org.codehaus.groovy.ast.ASTNode) call : (org.codehaus.groovy.ast.ASTNode) call);
    } else {
      String hint = DidYouMean.suggest(name, known).map(s -> "; did you mean '" + s + "'?").orElse("");
      String what = names[1].isEmpty() ? "unknown block '" + name + "'" : "unknown option '" + name + "' in " + names[0];
      addStaticTypeError(what + hint, (org.codehaus.groovy.ast.ASTNode) call);
    }
    return List.of(makeDynamic(call));
  }

  @Override
  public boolean handleUnresolvedVariableExpression(VariableExpression vexp) {
    ClassNode block = currentBlock();
    if (block == null) {
      return false;
    }
    String[] names = BLOCKS.get(block.getName());
    Set<String> known = optionNames(block);
    String name = vexp.getName();
    if (known.contains(name)) {
      addStaticTypeError("options are set without '=': write '" + name + " value', not '" + name + " = value'", vexp);
    } else {
      Set<String> properties = propertyNames(block);
      String hint = DidYouMean.suggest(name, properties.isEmpty() ? known : properties)
          .map(s -> "; did you mean '" + s + "'?").orElse("");
      addStaticTypeError("unknown name '" + name + "' in " + names[0] + hint, vexp);
    }
    makeDynamic(vexp);
    return true;
  }

  private String wrongType(String key, String name, ClassNode[] argTypes, ClassNode block) {
    String got = argTypes.length == 0 ? "nothing"
        : java.util.Arrays.stream(argTypes).map(DslTypeChecking::simple).collect(Collectors.joining(", "));
    return Options.find(key)
        .map(o -> key + " expects " + o.type().expected() + ", got " + got)
        .orElseGet(() -> name + " expects (" + signatures(block, name) + "), got (" + got + ")");
  }

  private static String signatures(ClassNode block, String name) {
    return block.getMethods(name).stream()
        .map(m -> java.util.Arrays.stream(m.getParameters()).map(p -> simple(p.getType())).collect(Collectors.joining(", ")))
        .distinct().collect(Collectors.joining(") or ("));
  }

  private static String simple(ClassNode type) {
    if (type == null) {
      return "null";
    }
    String n = ClassHelper.getWrapper(type).getNameWithoutPackage();
    return switch (n) {
      case "Closure" -> "{ block }";
      case "GString" -> "String";
      default -> n;
    };
  }

  /** Spec type each block verb delegates to. */
  private static final Map<String, Class<?>> VERBS = Map.of(
      "cluster", ClusterSpec.class, "sticky", StickySpec.class, "jvm", JvmSpec.class, "ipc", IpcSpec.class,
      "health", HealthSpec.class, "restart", RestartSpec.class, "backoff", BackoffSpec.class,
      "worker", WorkerSpec.class, "http", HttpSpec.class, "primary", PrimarySpec.class);

  /**
   * The DSL type of the block whose body is being checked, or null inside ordinary code (a route
   * handler, a consumer). Found from the call that passed the innermost closure: a block verb such as
   * {@code cluster { }} or a handler such as {@code get('/') { }}.
   */
  private ClassNode currentBlock() {
    List<TypeCheckingContext.EnclosingClosure> closures = getEnclosingClosureStack();
    if (closures.isEmpty()) {
      ClassNode enclosing = context.getEnclosingClassNode();
      return enclosing != null && enclosing.isDerivedFrom(ClassHelper.make(ClusterScript.class))
          ? ClassHelper.make(ClusterScript.class) : null;
    }
    ClosureExpression innermost = closures.get(0).getClosureExpression();
    for (Expression e : context.getEnclosingMethodCalls()) {
      if (e instanceof MethodCallExpression call && passes(call, innermost)) {
        Class<?> spec = call.isImplicitThis() ? VERBS.get(call.getMethodAsString()) : null;
        return spec == null ? null : ClassHelper.make(spec);
      }
    }
    return null;
  }

  private static boolean passes(MethodCallExpression call, ClosureExpression closure) {
    return call.getArguments() instanceof TupleExpression args && args.getExpressions().contains(closure);
  }

  /** Public methods a user may call in the block: its options and verbs. */
  private static Set<String> optionNames(ClassNode block) {
    Set<String> names = new LinkedHashSet<>();
    for (ClassNode c = block; c != null && !c.getName().equals("java.lang.Object")
        && !c.getName().equals("groovy.lang.Script"); c = c.getSuperClass()) {
      for (MethodNode m : c.getMethods()) {
        if (m.isPublic() && !m.isStatic() && !m.getName().startsWith("get") && !m.getName().contains("$")
            && !m.getName().equals("run") && !m.getName().equals("main")) {
          names.add(m.getName());
        }
      }
    }
    return names;
  }

  private static Set<String> propertyNames(ClassNode block) {
    Set<String> names = new LinkedHashSet<>();
    for (ClassNode c = block; c != null && !c.getName().equals("java.lang.Object"); c = c.getSuperClass()) {
      for (MethodNode m : c.getMethods()) {
        if (m.isPublic() && m.getName().startsWith("get") && m.getName().length() > 3 && m.getParameters().length == 0) {
          String p = m.getName().substring(3);
          names.add(Character.toLowerCase(p.charAt(0)) + p.substring(1));
        }
      }
    }
    return names;
  }
}
