package dev.pulse.server.profiles;

import java.time.LocalDate;
import java.time.Period;

/** A member's matrimonial profile as stored. Presence is added when it is shown. */
public record Profile(
    String username,
    String displayName,
    String gender,
    LocalDate dateOfBirth,
    String city,
    String country,
    String religion,
    String motherTongue,
    String education,
    String occupation,
    Integer heightCm,
    String about,
    String photoId) {

  public int ageOn(LocalDate day) {
    return Period.between(dateOfBirth, day).getYears();
  }
}
