package id.antrean.domain;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Every required item of the health protocol must be affirmed before a ticket is issued. */
public final class HealthProtocolPolicy {
    private HealthProtocolPolicy() {
    }

    public static Optional<Rejection> check(List<ChecklistItem> checklist, Map<String, Boolean> answers) {
        List<String> missing = checklist.stream()
                .filter(ChecklistItem::required)
                .filter(item -> !Boolean.TRUE.equals(answers.get(item.code())))
                .map(ChecklistItem::code)
                .toList();
        if (missing.isEmpty()) {
            return Optional.empty();
        }
        String needsId = String.join(", ", checklist.stream().filter(i -> missing.contains(i.code()))
                .map(i -> i.label().id()).toList());
        String needsEn = String.join(", ", checklist.stream().filter(i -> missing.contains(i.code()))
                .map(i -> i.label().en()).toList());
        return Optional.of(Rejection.of(RejectionCode.HEALTH_PROTOCOL,
                Text.of("Maaf, protokol kesehatan belum terpenuhi: " + needsId
                                + ". Silakan datang kembali setelah memenuhinya.",
                        "Sorry, the health protocol is not met: " + needsEn + ". Please come back when it is."),
                Map.of("missing", missing)));
    }
}
