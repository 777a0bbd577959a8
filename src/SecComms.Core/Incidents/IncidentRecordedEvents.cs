using System.Text.Json;
using SecComms.Core.Audit;

namespace SecComms.Core.Incidents;

/// <summary>What a clock event records: the clock as it then stood, and what the event adds (<paramref name="Detail"/>).</summary>
public sealed record ClockRecorded(string Reference, string Clock, string Name, string Period, DateTimeOffset StartedAt, DateTimeOffset DueAt,
    DateTimeOffset? MetAt, object? Detail, string PolicyHash);

/// <summary>An internal update on the incident was due at <paramref name="DueAt"/> and none is recorded.</summary>
public sealed record UpdateDue(string Reference, DateTimeOffset DueAt, DateTimeOffset? LastInternalUpdateAt, string Every, Guid? CommunicationsManagerId);

/// <summary>Reads incident events back from the audit trail as the records they were written from.</summary>
public static class IncidentRecordedEvents
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static TEvent Read<TEvent>(AuditEvent audited) =>
        JsonSerializer.Deserialize<TEvent>(audited.Data, Json) ?? throw new JsonException($"Audit event {audited.Seq} holds no {typeof(TEvent).Name}.");
}
