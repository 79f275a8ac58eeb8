package dev.pop.jepsen.cluster;

import com.github.dockerjava.api.model.Network.Ipam;
import java.util.Map;
import java.util.SplittableRandom;
import org.testcontainers.containers.Network;

/**
 * The private bridge network of one cluster: an explicit /24 subnet picked at random in {@code 10.213.0.0/16}
 * (another one is tried when it overlaps a network that exists), with member {@code nK} at {@code .(10+K)}.
 */
final class ClusterNetwork {
    private static final int ATTEMPTS = 20;

    final Network network;
    final String prefix; // e.g. "10.213.42."

    private ClusterNetwork(Network network, String prefix) {
        this.network = network;
        this.prefix = prefix;
    }

    static ClusterNetwork create(String name, Map<String, String> labels) {
        SplittableRandom random = new SplittableRandom();
        RuntimeException last = null;
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            String prefix = "10.213." + random.nextInt(1, 255) + ".";
            Network network = Network.builder().createNetworkCmdModifier(cmd -> cmd.withName(name)
                    .withLabels(labels)
                    .withIpam(new Ipam().withConfig(new Ipam.Config().withSubnet(prefix + "0/24")
                            .withGateway(prefix + "1")))).build();
            try {
                network.getId(); // creates it
                return new ClusterNetwork(network, prefix);
            } catch (RuntimeException e) { // most likely "Pool overlaps with other one on this address space"
                last = e;
                try {
                    network.close();
                } catch (RuntimeException ignored) {
                    // it was never created
                }
            }
        }
        throw new IllegalStateException("cannot create the cluster network " + name + ": " + last, last);
    }

    String ipOf(int member) {
        return prefix + (10 + member);
    }

    void close() {
        network.close();
    }
}
