package dev.pop.cli.output;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pop.client.log.LogRecord;
import dev.pop.client.watch.WatchEvent;

import java.io.PrintStream;

/**
 * Writes what {@code watch} and {@code log} print, one line per event or entry as it comes (flushed at once, since
 * these commands may keep running): {@code simple} is readable text, {@code json} one JSON object per line (SPEC
 * section 5), {@code table} tab-separated columns.
 */
public final class StreamPrinter {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private final OutputFormat format;
  private final PrintStream out;

  public StreamPrinter(OutputFormat format, PrintStream out) {
    this.format = format;
    this.out = out;
  }

  /** {@code {"type":"PUT","key":"app/k1","value":"v1","modRevision":12}}. */
  public void event(WatchEvent e) {
    String key = e.kv().keyUtf8();
    String value = e.type() == WatchEvent.Type.PUT ? e.kv().valueUtf8() : "";
    switch (format) {
      case JSON -> {
        ObjectNode doc = MAPPER.createObjectNode().put("type", e.type().name()).put("key", key);
        if (e.type() == WatchEvent.Type.PUT) {
          doc.put("value", value);
        }
        doc.put("modRevision", e.revision());
        if (e.prevKv() != null) {
          doc.put("prevValue", e.prevKv().valueUtf8());
        }
        line(doc.toString());
      }
      case TABLE -> line(e.type() + "\t" + key + "\t" + value + "\t" + e.revision());
      case SIMPLE -> line(e.type() == WatchEvent.Type.PUT ? "PUT " + key + " " + value : "DELETE " + key);
    }
  }

  /** {@code {"seq":1,"data":"first"}}. */
  public void entry(LogRecord r) {
    switch (format) {
      case JSON -> line(MAPPER.createObjectNode().put("seq", r.seq()).put("data", r.dataUtf8())
          .put("timeMs", r.timeMs()).toString());
      case TABLE -> line(r.seq() + "\t" + r.dataUtf8());
      case SIMPLE -> line(r.seq() + " " + r.dataUtf8());
    }
  }

  /** {@code {"stream":"orders","seq":1}}. */
  public void appended(String stream, long seq) {
    switch (format) {
      case JSON -> line(MAPPER.createObjectNode().put("stream", stream).put("seq", seq).toString());
      case TABLE -> line("STREAM\tSEQ\n" + stream + "\t" + seq);
      case SIMPLE -> line(Long.toString(seq));
    }
  }

  public void trimmed(String stream, long firstSeq) {
    switch (format) {
      case JSON -> line(MAPPER.createObjectNode().put("stream", stream).put("firstSeq", firstSeq).toString());
      case TABLE -> line("STREAM\tFIRST SEQ\n" + stream + "\t" + firstSeq);
      case SIMPLE -> line("trimmed " + stream + ": first kept seq is " + firstSeq);
    }
  }

  public void compacted(long revision) {
    switch (format) {
      case JSON -> line(MAPPER.createObjectNode().put("compactRevision", revision).toString());
      case TABLE -> line("COMPACT REVISION\n" + revision);
      case SIMPLE -> line("compacted at revision " + revision);
    }
  }

  private void line(String s) {
    out.println(s);
    out.flush();
  }
}
