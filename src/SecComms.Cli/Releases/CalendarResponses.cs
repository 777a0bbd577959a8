namespace SecComms.Cli.Releases;

/// <remarks>The CLI's own view of the API's JSON: the kind stays the word the server sends.</remarks>
internal sealed record CalendarDetail(string TimeZone, string TimeOfDay, string Regular, string Security, IReadOnlyList<CalendarEntryDetail> Entries);

internal sealed record CalendarEntryDetail(string Kind, DateOnly Date, DateTimeOffset At, DateTimeOffset LocalTime, DateOnly? MovedFrom);
