package io.jcl.dsl;

import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.codehaus.groovy.ast.ClassHelper;
import org.codehaus.groovy.ast.ClassNode;
import org.codehaus.groovy.ast.MethodNode;
import org.codehaus.groovy.ast.expr.ArgumentListExpression;
import org.codehaus.groovy.ast.expr.BinaryExpression;
import org.codehaus.groovy.ast.expr.ClosureExpression;
import org.codehaus.groovy.ast.expr.Expression;
import org.codehaus.groovy.ast.expr.MethodCallExpression;
import org.codehaus.groovy.ast.expr.TupleExpression;
import org.codehaus.groovy.ast.expr.MethodCall;
import org.codehaus.groovy.ast.expr.PropertyExpression;
import org.codehaus.groovy.ast.expr.VariableExpression;
import org.codehaus.groovy.syntax.Types;
import org.codehaus.groovy.transform.stc.AbstractTypeCheckingExtension;
import org.codehaus.groovy.transform.stc.StaticTypeCheckingSupport;
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
      Map.entry(JoinSpec.class.getName(), new String[] {"join { }", "cluster.join."}),
      Map.entry(HealthSpec.class.getName(), new String[] {"health { }", "health."}),
      Map.entry(RestartSpec.class.getName(), new String[] {"restart { }", "restart."}),
      Map.entry(BackoffSpec.class.getName(), new String[] {"backoff { }", "restart.backoff."}),
      Map.entry(WorkerSpec.class.getName(), new String[] {"worker { }", "worker."}),
      Map.entry(HttpSpec.class.getName(), new String[] {"http { }", "worker."}),
      Map.entry(PrimarySpec.class.getName(), new String[] {"primary { }", "primary."}),
      Map.entry(VerifySpec.class.getName(), new String[] {"verify { }", "verify."}));

  /**
   * Names and calls already reported, and closures passed to a call already reported: what follows from
   * them (an Object value, an untyped closure parameter) would only repeat the same mistake.
   */
  private final Set<Expression> reported = Collections.newSetFromMap(new IdentityHashMap<>());

  public DslTypeChecking(StaticTypeCheckingVisitor visitor) {
    super(visitor);
  }

  @Override
  public List<MethodNode> handleMissingMethod(ClassNode receiver, String name, ArgumentListExpression args,
                                              ClassNode[] argTypes, MethodCall call) {
    if (insideReported() || followsReported(receiver, args, argTypes, call)) {
      return List.of(makeDynamic(call));
    }
    ClassNode block = currentBlock();
    if (block == null || !(call instanceof MethodCallExpression mce && mce.isImplicitThis())) {
      if (call instanceof Expression e) {
        reported.add(e); // reported here or by the checker itself
      }
      return onReceiver(receiver, name, argTypes, call); // ordinary Groovy code (e.g. inside a route handler)
    }
    String[] names = BLOCKS.get(block.getName());
    Set<String> known = optionNames(block);
    if (known.contains(name)) {
      addStaticTypeError(wrongType(names[1] + name, name, argTypes, block), mce);
    } else {
      String hint = DidYouMean.suggest(name, known).map(s -> "; did you mean '" + s + "'?").orElse("");
      String what = names[1].isEmpty() ? "unknown block '" + name + "'" : "unknown option '" + name + "' in " + names[0];
      addStaticTypeError(what + hint, mce);
    }
    args.getExpressions().stream().filter(a -> a instanceof ClosureExpression).forEach(reported::add);
    return List.of(makeDynamic(call));
  }

  @Override
  public boolean handleUnresolvedVariableExpression(VariableExpression vexp) {
    if (insideReported()) {
      makeDynamic(vexp);
      return true;
    }
    ClassNode block = currentBlock();
    if (block == null) {
      return false;
    }
    String[] names = BLOCKS.get(block.getName());
    Set<String> known = optionNames(block);
    String name = vexp.getName();
    BinaryExpression enclosing = context.getEnclosingBinaryExpression();
    boolean assigned = enclosing != null && enclosing.getLeftExpression() == vexp
        && enclosing.getOperation().getType() == Types.ASSIGN;
    if (known.contains(name)) {
      addStaticTypeError(assigned
          ? "options are set without '=': write '" + name + " value', not '" + name + " = value'"
          : "'" + name + "' needs a value: write '" + name + " value'", vexp);
    } else if (assigned && !names[1].isEmpty()) {
      String hint = DidYouMean.suggest(name, known).map(s -> "; did you mean '" + s + "'?").orElse("");
      addStaticTypeError("unknown option '" + name + "' in " + names[0] + hint + " (options are set without '=')",
          vexp);
    } else if (assigned) {
      // A binding variable: the type checker rejects every later read of it, so say how to declare it.
      addStaticTypeError("'" + name + "' is not declared: write 'def " + name + " = ...'", vexp);
    } else {
      // A value such as 'auto' first, then the block's options and verbs.
      Set<String> candidates = new LinkedHashSet<>(propertyNames(block));
      candidates.addAll(known);
      String hint = DidYouMean.suggest(name, candidates).map(s -> "; did you mean '" + s + "'?").orElse("");
      addStaticTypeError("unknown name '" + name + "' in " + names[0] + hint, vexp);
    }
    reported.add(vexp);
    makeDynamic(vexp);
    return true;
  }

  @Override
  public boolean handleUnresolvedProperty(PropertyExpression pexp) {
    if (insideReported()) {
      makeDynamic(pexp);
      return true;
    }
    return false;
  }

  /**
   * A call on a typed value in ordinary code ({@code ctx.response().endd('x')}): reported at the method's
   * name (the checker points at the start of the chain, or at the arguments) and without package names.
   * Names only the GDK adds, and calls on Object or a Class, keep the checker's message.
   */
  private List<MethodNode> onReceiver(ClassNode receiver, String name, ClassNode[] argTypes, MethodCall call) {
    if (!(call instanceof MethodCallExpression mce) || mce.isImplicitThis() || receiver == null || argTypes == null
        || receiver.equals(ClassHelper.OBJECT_TYPE) || receiver.getName().equals("java.lang.Class")
        || !StaticTypeCheckingSupport.findDGMMethodsForClassNode(context.getSource().getClassLoader(), receiver, name)
            .isEmpty()) {
      return List.of();
    }
    List<MethodNode> all = receiver.getAllDeclaredMethods();
    List<MethodNode> named = all.stream().filter(m -> m.getName().equals(name)).toList();
    Set<String> names = all.stream().map(MethodNode::getName).collect(Collectors.toSet());
    String message = !named.isEmpty()
        ? simple(receiver) + "#" + name + " expects (" + signatures(named) + "), got (" + types(argTypes) + ")"
        : "unknown method '" + name + "' on " + simple(receiver)
            + DidYouMean.suggest(name, names).map(s -> "; did you mean '" + s + "'?").orElse("");
    addStaticTypeError(message, mce.getMethod().getLineNumber() > 0 ? mce.getMethod() : mce);
    return List.of(makeDynamic(call));
  }

  /** A call on, or with, the Object that something already reported left behind. */
  private boolean followsReported(ClassNode receiver, ArgumentListExpression args, ClassNode[] argTypes,
                                  MethodCall call) {
    if (call instanceof MethodCallExpression mce && reported.contains(mce.getObjectExpression())
        && ClassHelper.OBJECT_TYPE.equals(receiver)) {
      return true;
    }
    int n = args == null || argTypes == null ? 0 : Math.min(args.getExpressions().size(), argTypes.length);
    for (int i = 0; i < n; i++) {
      if (reported.contains(args.getExpression(i)) && ClassHelper.OBJECT_TYPE.equals(argTypes[i])) {
        return true;
      }
    }
    return false;
  }

  /** Inside a closure given to a block or option already reported unknown: its parameters have no type. */
  private boolean insideReported() {
    return getEnclosingClosureStack().stream().anyMatch(c -> reported.contains(c.getClosureExpression()));
  }

  private String wrongType(String key, String name, ClassNode[] argTypes, ClassNode block) {
    String got = argTypes.length == 0 ? "nothing" : types(argTypes);
    return Options.find(key)
        .map(o -> key + " expects " + o.type().expected() + ", got " + got)
        .orElseGet(() -> name + " expects (" + signatures(block, name) + "), got (" + got + ")");
  }

  private static String types(ClassNode[] types) {
    return java.util.Arrays.stream(types).map(DslTypeChecking::simple).collect(Collectors.joining(", "));
  }

  private static String signatures(ClassNode block, String name) {
    return signatures(block.getMethods(name));
  }

  private static String signatures(List<MethodNode> methods) {
    return methods.stream()
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
  private static final Map<String, Class<?>> VERBS = Map.ofEntries(
      Map.entry("cluster", ClusterSpec.class), Map.entry("sticky", StickySpec.class), Map.entry("jvm", JvmSpec.class),
      Map.entry("ipc", IpcSpec.class), Map.entry("join", JoinSpec.class),
      Map.entry("health", HealthSpec.class), Map.entry("restart", RestartSpec.class),
      Map.entry("backoff", BackoffSpec.class), Map.entry("worker", WorkerSpec.class), Map.entry("http", HttpSpec.class),
      Map.entry("primary", PrimarySpec.class), Map.entry("verify", VerifySpec.class));

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
        if (m.isPublic() && !m.isStatic() && !isGetter(m) && !m.getName().contains("$")
            && !m.getName().equals("run") && !m.getName().equals("main")) {
          names.add(m.getName());
        }
      }
    }
    return names;
  }

  /** getSlot() is the property slot; get(path, handler) is a route and must stay a known name. */
  private static boolean isGetter(MethodNode m) {
    String n = m.getName();
    return n.length() > 3 && n.startsWith("get") && Character.isUpperCase(n.charAt(3)) && m.getParameters().length == 0;
  }

  private static Set<String> propertyNames(ClassNode block) {
    Set<String> names = new LinkedHashSet<>();
    for (ClassNode c = block; c != null && !c.getName().equals("java.lang.Object"); c = c.getSuperClass()) {
      for (MethodNode m : c.getMethods()) {
        if (m.isPublic() && isGetter(m)) {
          String p = m.getName().substring(3);
          names.add(Character.toLowerCase(p.charAt(0)) + p.substring(1));
        }
      }
    }
    return names;
  }
}
