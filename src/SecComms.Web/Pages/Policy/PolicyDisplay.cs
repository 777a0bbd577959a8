using SecComms.Core.Policy;
using SecComms.Web.Pages.Exceptions;

namespace SecComms.Web.Pages.Policy;

/// <summary>How the policy pages write the policy's keys as people read them: teams, gates, channels, deadlines.</summary>
internal static class PolicyDisplay
{
    public static string Team(SecCommsPolicy policy, string key) => policy.Teams.TryGetValue(key, out var team) ? team.Name : key;

    public static string Teams(SecCommsPolicy policy, IEnumerable<string> keys) =>
        keys.Select(k => Team(policy, k)).ToList() is { Count: > 0 } names ? string.Join(", ", names) : "None";

    public static string Gate(string gate) => gate == Gates.Linked ? "Whichever its linked release, incident or embargo call for" : ExceptionDisplay.GateName(gate);

    public static string Channel(string channel) => channel switch
    {
        Channels.Web => "Web",
        Channels.Email => "Email",
        Channels.Social => "Social",
        _ => channel,
    };

    public static string Duration(TimeSpan duration)
    {
        var text = Durations.Format(duration);
        var (amount, unit) = (text[..^1], text[^1]);
        var word = unit switch { 'd' => "day", 'h' => "hour", _ => "minute" };
        return $"{amount} {word}{(amount == "1" ? "" : "s")}";
    }

    /// <summary>Where a version came from, as people read it.</summary>
    public static string Source(string source) => source switch
    {
        PolicyLoader.DefaultSource => "The built-in default",
        _ when source.StartsWith("api:", StringComparison.Ordinal) => "Through the API",
        _ when source.StartsWith("page:", StringComparison.Ordinal) => "On the policy page",
        _ => $"The file {source}",
    };
}
