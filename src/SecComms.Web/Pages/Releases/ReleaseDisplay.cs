using System.Globalization;
using SecComms.Core.Communications;
using SecComms.Core.Identity;
using SecComms.Core.Policy;
using SecComms.Core.Releases;
using VulnerabilityRecords = SecComms.Core.Vulnerabilities.Vulnerabilities;

namespace SecComms.Web.Pages.Releases;

/// <summary>How the release pages write kinds, statuses and parts, and who may change a release.</summary>
internal static class ReleaseDisplay
{
    public static string KindName(ReleaseKind kind) => kind.ToString();

    /// <summary>What each kind means, for the planning form.</summary>
    public static string KindHint(ReleaseKind kind) => kind switch
    {
        ReleaseKind.Planned => "The scheduled security release, about a week after the regular monthly release.",
        ReleaseKind.Critical => "Outside the schedule; its communications run on emergency deadlines.",
        _ => "An emergency patch outside the schedule; its communications run on emergency deadlines.",
    };

    public static string StatusName(ReleaseStatus status) => status.ToString();

    public static string StatusClass(ReleaseStatus status) => "status status-" + status.ToString().ToLowerInvariant();

    public static string PartName(ReleaseCommunication c) => PartName(c.Part, c.VulnerabilityReference);

    private static string PartName(ReleasePart? part, string? vulnerability) => part switch
    {
        ReleasePart.BlogPost => "Blog post",
        ReleasePart.CustomerEmail => "Customer email",
        ReleasePart.Advisory => vulnerability is { } v ? $"Advisory for {v}" : "Advisory",
        _ => "Linked by hand",
    };

    public static string PartName(PackagePart p) => PartName(p.Part, p.VulnerabilityReference);

    /// <summary>Where a release's communication stands, in words: whom it waits on, or what became of it.</summary>
    public static string Standing(CommunicationStatus status, string? waitingOn, bool shipsWithRelease, string release) => status switch
    {
        CommunicationStatus.Draft => "Not yet submitted for review",
        CommunicationStatus.InReview => waitingOn is { } team ? $"Waiting on {team}" : "In review, waiting on no one",
        CommunicationStatus.Approved => shipsWithRelease ? $"Approved; ships with {release}" : $"Approved; not yet armed to ship with {release}",
        CommunicationStatus.NoPublicNotification => "Closed with no public notification",
        _ => PageSupport.StatusName(status),
    };

    public static string Count(int count, string one, string many) => $"{count} {(count == 1 ? one : many)}";

    public static string Date(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>Members of the policy's vulnerability teams who may change things plan, bundle, prepare and publish releases.</summary>
    public static bool MayManage(SecCommsPolicy policy, Actor actor) => VulnerabilityRecords.MayManage(policy, actor);
}
