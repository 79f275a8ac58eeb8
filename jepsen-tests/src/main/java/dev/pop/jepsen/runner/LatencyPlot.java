package dev.pop.jepsen.runner;

import dev.pop.jepsen.history.Op;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Ellipse2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.imageio.ImageIO;

/**
 * Draws {@code latency.png}: each completed operation at (invoke time, latency), log scale, coloured by function,
 * shaped by outcome (ok: dot, fail: cross, info: hollow triangle), over the shaded nemesis periods (one colour per
 * nemesis, labelled with what it did).
 */
final class LatencyPlot {
    private static final int W = 1400;
    private static final int H = 720;
    private static final int LEFT = 80;
    private static final int RIGHT = 200;
    private static final int TOP = 50;
    private static final int BOTTOM = 60;
    private static final Color[] OP_COLORS = {new Color(0x1f77b4), new Color(0x2ca02c), new Color(0x9467bd),
        new Color(0x8c564b), new Color(0x17becf), new Color(0xbcbd22)};
    private static final Map<String, Color> NEMESIS_COLORS = Map.of("partition", new Color(255, 150, 150),
            "kill", new Color(255, 200, 120), "pause", new Color(170, 170, 255), "clock", new Color(150, 220, 150));

    private LatencyPlot() {
    }

    /** A nemesis period: [start, stop) in nanoseconds, and what the start event said. */
    private record Period(String nemesis, long start, long stop, String label) {
    }

    static void write(Path file, List<Op> history, String title) throws IOException {
        System.setProperty("java.awt.headless", "true");
        List<Op> ops = history.stream().filter(op -> !op.isNemesis() && op.latencyNanos() >= 0).toList();
        long end = 1;
        for (Op op : history) {
            end = Math.max(end, Math.max(op.invokeNanos(), op.completeNanos()));
        }
        double maxMs = 1;
        for (Op op : ops) {
            maxMs = Math.max(maxMs, op.latencyNanos() / 1e6);
        }
        double logMin = -1; // 0.1 ms
        double logMax = Math.ceil(Math.log10(maxMs * 1.2));
        BufferedImage img = new BufferedImage(W, H, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, W, H);
        int plotW = W - LEFT - RIGHT;
        int plotH = H - TOP - BOTTOM;
        final long endNanos = end;
        java.util.function.LongToIntFunction x = t -> LEFT + (int) Math.round((double) t / endNanos * plotW);
        java.util.function.DoubleToIntFunction y = ms -> TOP + plotH - (int) Math.round(
                (Math.log10(Math.max(ms, 0.1)) - logMin) / (logMax - logMin) * plotH);

        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
        for (Period p : periods(history, end)) {
            Color c = NEMESIS_COLORS.getOrDefault(p.nemesis(), new Color(220, 220, 220));
            g.setColor(new Color(c.getRed(), c.getGreen(), c.getBlue(), 90));
            g.fillRect(x.applyAsInt(p.start()), TOP, Math.max(1, x.applyAsInt(p.stop()) - x.applyAsInt(p.start())),
                    plotH);
            g.setColor(c.darker());
            g.drawString(p.label(), x.applyAsInt(p.start()) + 2, TOP + 12 + 12 * (int) (p.start() % 3));
        }
        axes(g, plotW, plotH, end, logMin, logMax, x, y);

        Map<String, Color> colors = new LinkedHashMap<>();
        for (Op op : ops) {
            colors.computeIfAbsent(op.f(), f -> OP_COLORS[colors.size() % OP_COLORS.length]);
        }
        g.setStroke(new BasicStroke(1.2f));
        for (Op op : ops) {
            Color c = colors.get(op.f());
            int px = x.applyAsInt(op.invokeNanos());
            int py = y.applyAsInt(op.latencyNanos() / 1e6);
            if (op.isOk()) {
                g.setColor(new Color(c.getRed(), c.getGreen(), c.getBlue(), 140));
                g.fill(new Ellipse2D.Double(px - 2, py - 2, 4, 4));
            } else if (op.isFail()) {
                g.setColor(new Color(200, 30, 30));
                g.drawLine(px - 3, py - 3, px + 3, py + 3);
                g.drawLine(px - 3, py + 3, px + 3, py - 3);
            } else {
                g.setColor(c.darker());
                g.drawPolygon(new int[] {px, px - 4, px + 4}, new int[] {py - 4, py + 3, py + 3}, 3);
            }
        }
        legend(g, colors);
        g.setColor(Color.BLACK);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 14));
        g.drawString(title, LEFT, 25);
        g.dispose();
        ImageIO.write(img, "png", file.toFile());
    }

    private static void axes(Graphics2D g, int plotW, int plotH, long end, double logMin, double logMax,
                             java.util.function.LongToIntFunction x, java.util.function.DoubleToIntFunction y) {
        g.setColor(Color.BLACK);
        g.drawRect(LEFT, TOP, plotW, plotH);
        for (double e = logMin; e <= logMax; e++) {
            double ms = Math.pow(10, e);
            int py = y.applyAsInt(ms);
            g.setColor(new Color(230, 230, 230));
            g.drawLine(LEFT + 1, py, LEFT + plotW - 1, py);
            g.setColor(Color.BLACK);
            g.drawString(ms < 1 ? String.format(Locale.ROOT, "%.1f", ms) : String.format(Locale.ROOT, "%.0f", ms),
                    LEFT - 45, py + 4);
        }
        double seconds = end / 1e9;
        double step = seconds <= 30 ? 5 : seconds <= 120 ? 10 : seconds <= 600 ? 60 : 300;
        for (double t = 0; t <= seconds; t += step) {
            int px = x.applyAsInt((long) (t * 1e9));
            g.drawLine(px, TOP + plotH, px, TOP + plotH + 5);
            g.drawString(String.format(Locale.ROOT, "%.0f", t), px - 8, TOP + plotH + 20);
        }
        g.drawString("time since start (s)", LEFT + plotW / 2 - 50, H - 15);
        Graphics2D r = (Graphics2D) g.create();
        r.rotate(-Math.PI / 2);
        r.drawString("latency (ms, log scale)", -(TOP + plotH / 2 + 60), 20);
        r.dispose();
    }

    private static void legend(Graphics2D g, Map<String, Color> colors) {
        int lx = W - RIGHT + 20;
        int ly = TOP + 10;
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        for (Map.Entry<String, Color> e : colors.entrySet()) {
            g.setColor(e.getValue());
            g.fillOval(lx, ly - 8, 8, 8);
            g.setColor(Color.BLACK);
            g.drawString(e.getKey(), lx + 14, ly);
            ly += 18;
        }
        ly += 8;
        g.drawString("dot: ok", lx, ly);
        g.setColor(new Color(200, 30, 30));
        g.drawString("x: fail", lx, ly + 18);
        g.setColor(Color.DARK_GRAY);
        g.drawString("triangle: info", lx, ly + 36);
        ly += 64;
        for (Map.Entry<String, Color> e : new java.util.TreeMap<>(NEMESIS_COLORS).entrySet()) {
            g.setColor(e.getValue());
            g.fillRect(lx, ly - 10, 12, 12);
            g.setColor(Color.BLACK);
            g.drawString(e.getKey(), lx + 18, ly);
            ly += 18;
        }
    }

    /** Pairs each {@code start-X} event with the next {@code stop-X} (or the end of the history). */
    private static List<Period> periods(List<Op> history, long end) {
        List<Period> out = new ArrayList<>();
        Map<String, Op> open = new HashMap<>();
        for (Op op : history) {
            if (!op.isNemesis()) {
                continue;
            }
            if (op.f().startsWith("start-")) {
                open.put(op.f().substring(6), op);
            } else if (op.f().startsWith("stop-")) {
                Op start = open.remove(op.f().substring(5));
                if (start != null) {
                    out.add(new Period(start.f().substring(6), start.invokeNanos(), op.invokeNanos(), label(start)));
                }
            }
        }
        open.forEach((n, start) -> out.add(new Period(n, start.invokeNanos(), end, label(start))));
        return out;
    }

    /** E.g. "partition leader [n2]", "kill all [n1, n2, n3]". */
    private static String label(Op start) {
        StringBuilder s = new StringBuilder(start.f().substring(6));
        if (start.value() instanceof Map<?, ?> m) {
            if (m.get("mode") != null) {
                s.append(' ').append(m.get("mode"));
            }
            for (String k : List.of("minority", "killed", "paused", "offsetSeconds")) {
                if (m.get(k) != null) {
                    s.append(' ').append(m.get(k));
                }
            }
        }
        return s.toString();
    }
}
