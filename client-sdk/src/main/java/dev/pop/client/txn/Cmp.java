package dev.pop.client.txn;

import dev.pop.client.InvalidArgumentException;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * One condition of a {@link dev.pop.client.Txn}, evaluated on the current state when the txn is applied. Immutable.
 *
 * <pre>{@code
 * Cmp.value("cfg").eq("v1")          Cmp.version("cfg").gt(3)      Cmp.modRevision("cfg").lt(120)
 * Cmp.exists("cfg")                  Cmp.absent("cfg")             Cmp.lockHeld("job", grant.fence())
 * }</pre>
 *
 * <p>On a missing key, version, createRevision, modRevision and lease are 0 and a value compare is false (as in
 * etcd). Values compare as unsigned bytes. {@link #lockHeld} holds iff lock {@code name} has a holder right now
 * and that holder's fence is exactly {@code fence}: it makes a txn's writes fenced (a holder whose lease ended, or
 * that was replaced, gets {@code succeeded = false} and nothing of the success branch is applied).
 */
public final class Cmp {
  /** What a compare looks at. */
  public enum Target { VALUE, VERSION, CREATE_REVISION, MOD_REVISION, LEASE, EXISTS, LOCK_HELD }

  /** How the current state is compared with the operand: {@code current <op> operand}. */
  public enum Operator {
    EQUAL("="), NOT_EQUAL("!="), LESS("<"), GREATER(">");

    private final String symbol;

    Operator(String symbol) {
      this.symbol = symbol;
    }

    /** {@code =}, {@code !=}, {@code <} or {@code >}. */
    public String symbol() {
      return symbol;
    }
  }

  private final byte[] key;
  private final Target target;
  private final Operator operator;
  private final byte[] value;
  private final long number;
  private final String lockName;

  private Cmp(byte[] key, Target target, Operator operator, byte[] value, long number, String lockName) {
    this.key = key;
    this.target = target;
    this.operator = operator;
    this.value = value;
    this.number = number;
    this.lockName = lockName;
  }

  public static ValueOperand value(String key) {
    return new ValueOperand(utf8Key(key));
  }

  public static ValueOperand value(byte[] key) {
    return new ValueOperand(checkKey(key));
  }

  public static NumberOperand version(String key) {
    return new NumberOperand(utf8Key(key), Target.VERSION);
  }

  public static NumberOperand createRevision(String key) {
    return new NumberOperand(utf8Key(key), Target.CREATE_REVISION);
  }

  public static NumberOperand modRevision(String key) {
    return new NumberOperand(utf8Key(key), Target.MOD_REVISION);
  }

  /** The key's lease id (0: no lease or no key). */
  public static NumberOperand lease(String key) {
    return new NumberOperand(utf8Key(key), Target.LEASE);
  }

  /** A numeric target of a binary key: VERSION, CREATE_REVISION, MOD_REVISION or LEASE. */
  public static NumberOperand number(byte[] key, Target target) {
    if (target == Target.VALUE || target == Target.EXISTS || target == Target.LOCK_HELD) {
      throw new InvalidArgumentException("txn: compare target " + target + " is not numeric");
    }
    return new NumberOperand(checkKey(key), target);
  }

  /** The key exists. */
  public static Cmp exists(String key) {
    return exists(utf8Key(key));
  }

  public static Cmp exists(byte[] key) {
    return new Cmp(checkKey(key), Target.EXISTS, Operator.EQUAL, null, 1, null);
  }

  /** The key does not exist. */
  public static Cmp absent(String key) {
    return absent(utf8Key(key));
  }

  public static Cmp absent(byte[] key) {
    return new Cmp(checkKey(key), Target.EXISTS, Operator.EQUAL, null, 0, null);
  }

  /** Lock {@code name} is held right now with exactly this fence. */
  public static Cmp lockHeld(String name, long fence) {
    if (name == null) {
      throw new InvalidArgumentException("txn: lockHeld name must not be null");
    }
    return new Cmp(new byte[0], Target.LOCK_HELD, Operator.EQUAL, null, fence, name);
  }

  /** The key compared with; empty for {@link Target#LOCK_HELD}. Do not modify. */
  public byte[] key() {
    return key;
  }

  public Target target() {
    return target;
  }

  public Operator operator() {
    return operator;
  }

  /** The operand of a {@link Target#VALUE} compare, else null. Do not modify. */
  public byte[] value() {
    return value;
  }

  /** The operand of a numeric compare; the fence of {@link Target#LOCK_HELD}; 1 (exists) or 0 (absent). */
  public long number() {
    return number;
  }

  /** The lock name of {@link Target#LOCK_HELD}, else null. */
  public String lockName() {
    return lockName;
  }

  @Override
  public String toString() {
    return switch (target) {
      case LOCK_HELD -> "lockHeld(" + lockName + ", " + number + ")";
      case EXISTS -> (number == 1 ? "exists(" : "absent(") + show(key) + ")";
      case VALUE -> "value(" + show(key) + ") " + operator.symbol() + " " + show(value);
      default -> target.name().toLowerCase() + "(" + show(key) + ") " + operator.symbol() + " " + number;
    };
  }

  private static String show(byte[] b) {
    return new String(b, StandardCharsets.UTF_8);
  }

  static byte[] utf8Key(String key) {
    if (key == null) {
      throw new InvalidArgumentException("txn: key must not be null");
    }
    return checkKey(key.getBytes(StandardCharsets.UTF_8));
  }

  static byte[] checkKey(byte[] key) {
    if (key == null || key.length == 0) {
      throw new InvalidArgumentException("txn: key must not be " + (key == null ? "null" : "empty"));
    }
    return key.clone();
  }

  /** The second half of a value compare: {@code Cmp.value(key).eq("v")}. */
  public static final class ValueOperand {
    private final byte[] key;

    private ValueOperand(byte[] key) {
      this.key = key;
    }

    public Cmp eq(String v) {
      return is(Operator.EQUAL, v);
    }

    public Cmp ne(String v) {
      return is(Operator.NOT_EQUAL, v);
    }

    public Cmp lt(String v) {
      return is(Operator.LESS, v);
    }

    public Cmp gt(String v) {
      return is(Operator.GREATER, v);
    }

    public Cmp is(Operator op, String v) {
      Objects.requireNonNull(v, "value");
      return is(op, v.getBytes(StandardCharsets.UTF_8));
    }

    public Cmp is(Operator op, byte[] v) {
      if (op == null || v == null) {
        throw new InvalidArgumentException("txn: value compare needs an operator and a value");
      }
      return new Cmp(key, Target.VALUE, op, v.clone(), 0, null);
    }
  }

  /** The second half of a numeric compare: {@code Cmp.version(key).gt(3)}. */
  public static final class NumberOperand {
    private final byte[] key;
    private final Target target;

    private NumberOperand(byte[] key, Target target) {
      this.key = key;
      this.target = target;
    }

    public Cmp eq(long n) {
      return is(Operator.EQUAL, n);
    }

    public Cmp ne(long n) {
      return is(Operator.NOT_EQUAL, n);
    }

    public Cmp lt(long n) {
      return is(Operator.LESS, n);
    }

    public Cmp gt(long n) {
      return is(Operator.GREATER, n);
    }

    public Cmp is(Operator op, long n) {
      if (op == null) {
        throw new InvalidArgumentException("txn: compare needs an operator");
      }
      return new Cmp(key, target, op, null, n, null);
    }
  }
}
