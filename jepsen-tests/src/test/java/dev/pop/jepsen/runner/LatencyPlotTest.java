package dev.pop.jepsen.runner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import dev.pop.jepsen.history.HistoryRecorder;
import dev.pop.jepsen.history.Op;
import dev.pop.jepsen.history.PendingOp;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LatencyPlotTest {
    @TempDir
    Path dir;

    @Test
    void drawsOpsAndShadesNemesisPeriods() throws Exception {
        HistoryRecorder r = new HistoryRecorder();
        for (int i = 0; i < 50; i++) {
            PendingOp p = r.invoke(i % 5, i % 2 == 0 ? "read" : "write", "k", (long) i);
            if (i == 10) {
                r.event(Op.NEMESIS, "start-partition", Map.of("mode", "leader", "minority", java.util.List.of("n1")));
            }
            if (i % 7 == 0) {
                r.info(p, "timeout");
            } else if (i % 11 == 0) {
                r.fail(p, "unavailable");
            } else {
                r.ok(p, null);
            }
            if (i == 30) {
                r.event(Op.NEMESIS, "stop-partition", Map.of());
            }
            Thread.sleep(2);
        }
        Path png = dir.resolve("latency.png");
        LatencyPlot.write(png, r.history(), "test run  VALID");
        BufferedImage img = ImageIO.read(png.toFile());
        assertEquals(1400, img.getWidth());
        assertEquals(720, img.getHeight());
        // the partition period is shaded: a pixel in the middle of the plot area, left of the legend, is not white
        int shaded = 0;
        for (int x = 80; x < 1200; x += 5) {
            if (img.getRGB(x, 600) != 0xFFFFFFFF) {
                shaded++;
            }
        }
        assertNotEquals(0, shaded);
    }
}
