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

    public static string PartName(ReleaseCommunication c) => c.Part switch
    {
        ReleasePart.BlogPost => "Blog post",
        ReleasePart.CustomerEmail => "Customer email",
        ReleasePart.Advisory => c.VulnerabilityReference is { } v ? $"Advisory for {v}" : "Advisory",
        _ => "Linked by hand",
    };

    public static string Date(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>Members of the policy's vulnerability teams who may change things plan, bundle, prepare and publish releases.</summary>
    public static bool MayManage(SecCommsPolicy policy, Actor actor) => VulnerabilityRecords.MayManage(policy, actor);
}
