package id.antrean.domain;

/** One question of the health protocol (protokol kesehatan) asked before a ticket is issued. */
public record ChecklistItem(String code, boolean required, Text label) {
}
