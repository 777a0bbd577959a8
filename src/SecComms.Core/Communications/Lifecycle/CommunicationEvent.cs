using System.Text.Json;
using SecComms.Core.Audit;

namespace SecComms.Core.Communications;

/// <summary>
/// Something that happened to a communication: recorded in the audit trail under <see cref="Action"/>, and read back as
/// this type by whoever acts on it (the notification planner, the deadline sweep).
/// </summary>
public interface ICommunicationEvent
{
    static abstract string Action { get; }
}

/// <summary>How a communication's event is stored: the communication as it then stood, and the event itself.</summary>
/// <param name="Reference">The communication's reference ("SC-42").</param>
/// <param name="Status">Its status after the event.</param>
/// <param name="Decision">The event.</param>
/// <param name="PolicyHash">The policy in force.</param>
internal sealed record CommunicationEventData<TEvent>(string Reference, string Status, TEvent Decision, string PolicyHash)
    where TEvent : ICommunicationEvent;

/// <summary>Reads a communication's events back from the audit trail, as the types they were recorded as.</summary>
public static class CommunicationEvents
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private static readonly Dictionary<string, Func<string, object?>> Readers = new(StringComparer.Ordinal)
    {
        [Submitted.Action] = Reader<Submitted>(),
        [StageApproved.Action] = Reader<StageApproved>(),
        [StageRejected.Action] = Reader<StageRejected>(),
        [SafeAnswered.Action] = Reader<SafeAnswered>(),
        [CustomersAffectedChanged.Action] = Reader<CustomersAffectedChanged>(),
        [ApprovalsReset.Action] = Reader<ApprovalsReset>(),
        [DeadlineReminded.Action] = Reader<DeadlineReminded>(),
        [BackupsEngaged.Action] = Reader<BackupsEngaged>(),
        [Published.Action] = Reader<Published>(),
    };

    /// <summary>The event <paramref name="audited"/> records, as its <see cref="ICommunicationEvent"/> type; null when nothing acts on its kind.</summary>
    public static object? Read(AuditEvent audited) =>
        Readers.TryGetValue(audited.Action, out var read) ? read(audited.Data) : null;

    /// <summary>The event <paramref name="audited"/> records, when it is a <typeparamref name="TEvent"/>.</summary>
    public static TEvent? Read<TEvent>(AuditEvent audited) where TEvent : class, ICommunicationEvent =>
        audited.Action == TEvent.Action ? Reader<TEvent>()(audited.Data) as TEvent : null;

    /// <remarks>Events recorded before the envelope held the event at its root; they are read from there.</remarks>
    private static Func<string, object?> Reader<TEvent>() where TEvent : ICommunicationEvent =>
        data =>
        {
            using var document = JsonDocument.Parse(data);
            var root = document.RootElement;
            return (root.TryGetProperty("decision", out var decision) && decision.ValueKind == JsonValueKind.Object ? decision : root).Deserialize<TEvent>(Json);
        };
}
