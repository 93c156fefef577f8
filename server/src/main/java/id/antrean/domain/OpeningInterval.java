package id.antrean.domain;

import java.time.LocalTime;

/** A stretch of a day when the office serves, e.g. 08:00–15:00. */
public record OpeningInterval(LocalTime open, LocalTime close) {
}
