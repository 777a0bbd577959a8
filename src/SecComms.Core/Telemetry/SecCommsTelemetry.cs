using System.Diagnostics;
using System.Diagnostics.Metrics;
using SecComms.Core.Communications;
using SecComms.Core.Incidents.Clocks;

namespace SecComms.Core.Telemetry;

/// <summary>
/// The traces and metrics SecComms reports under the name <c>SecComms</c>: what an operator watches to know that
/// notices go out and that no clock or deadline slips unseen.
/// </summary>
public static class SecCommsTelemetry
{
    public const string Name = "SecComms";

    public static readonly ActivitySource Activities = new(Name);

    private static readonly Meter Meter = new(Name);

    private static readonly Counter<long> Sent = Meter.CreateCounter<long>("seccomms.dispatch.sent", "{message}", "Messages of dispatches handed to the mail relay.");
    private static readonly Counter<long> Deferred = Meter.CreateCounter<long>("seccomms.dispatch.deferred", "{message}", "Messages of dispatches to be tried again.");
    private static readonly Counter<long> Failed = Meter.CreateCounter<long>("seccomms.dispatch.failed", "{delivery}", "Deliveries that failed for good.");
    private static readonly Counter<long> Publications = Meter.CreateCounter<long>("seccomms.publications", "{communication}", "Communications published.");
    private static readonly Counter<long> ClocksDue = Meter.CreateCounter<long>("seccomms.incident.clocks.due", "{clock}",
        "Incident notification clocks escalated as their due time nears.");
    private static readonly Counter<long> ClocksMissed = Meter.CreateCounter<long>("seccomms.incident.clocks.missed", "{clock}",
        "Incident notification clocks whose due time passed unmet.");
    private static readonly Counter<long> DeadlinesMissed = Meter.CreateCounter<long>("seccomms.approval.deadlines.missed", "{stage}",
        "Approval stages whose deadline passed, so their backup teams were engaged.");

    private static readonly Dictionary<string, Counter<long>> CountedEvents = new(StringComparer.Ordinal)
    {
        [Published.Action] = Publications,
        [IncidentClocks.Escalated] = ClocksDue,
        [IncidentClocks.Missed] = ClocksMissed,
        [BackupsEngaged.Action] = DeadlinesMissed,
    };

    private static long _queueDepth;

    private static readonly ObservableGauge<long> Queue =
        Meter.CreateObservableGauge("seccomms.dispatch.queue", () => Interlocked.Read(ref _queueDepth), "{delivery}",
            "Deliveries waiting to be sent, as last counted by this node.");

    /// <summary>What one round of sending did.</summary>
    public static void Dispatched(int sent, int deferred, int failed)
    {
        Sent.Add(sent);
        Deferred.Add(deferred);
        Failed.Add(failed);
    }

    /// <summary>Whether anything collects the queue's depth, so that nobody counts the queue for no reader.</summary>
    public static bool QueueWatched => Queue.Enabled;

    public static void QueueDepth(long waiting) => Interlocked.Exchange(ref _queueDepth, waiting);

    /// <summary>Counts what the audit events of a committed change say happened.</summary>
    public static void Committed(IEnumerable<string> actions)
    {
        foreach (var action in actions)
        {
            CountedEvents.GetValueOrDefault(action)?.Add(1);
        }
    }
}
