using Microsoft.Extensions.Options;

namespace SecComms.Core.Identity.SingleSignOn;

internal sealed class SingleSignOnOptionsValidator : IValidateOptions<SingleSignOnOptions>
{
    private const string Prefix = SingleSignOnOptions.Section + ":";

    public ValidateOptionsResult Validate(string? name, SingleSignOnOptions options)
    {
        var problems = new List<string>();
        if (!options.Enabled)
        {
            if (!options.LocalPasswords)
            {
                problems.Add($"{Prefix}LocalPasswords is false but {Prefix}Authority is not set: no one could sign in. Configure the provider, or leave passwords on.");
            }
            if (!string.IsNullOrWhiteSpace(options.ClientId) || options.Groups.Count > 0)
            {
                problems.Add($"{Prefix}Authority is required when other {SingleSignOnOptions.Section} settings are set: the provider's issuer address, such as https://login.example.com.");
            }
            return Result(problems);
        }
        if (!Uri.TryCreate(options.Authority, UriKind.Absolute, out var authority) || authority.Scheme is not ("https" or "http"))
        {
            problems.Add($"{Prefix}Authority must be an absolute http(s) address, not '{options.Authority}'.");
        }
        else if (options.RequireHttpsMetadata && authority.Scheme != "https")
        {
            problems.Add($"{Prefix}Authority must use https ('{options.Authority}'); {Prefix}RequireHttpsMetadata false allows http, for a provider on the same machine only.");
        }
        if (string.IsNullOrWhiteSpace(options.ClientId))
        {
            problems.Add($"{Prefix}ClientId is required: the client (application) id the provider gave SecComms.");
        }
        if (string.IsNullOrWhiteSpace(options.ClientSecret))
        {
            problems.Add($"{Prefix}ClientSecret is required: the client secret the provider gave SecComms (set it as SECCOMMS__SingleSignOn__ClientSecret rather than in a file).");
        }
        if (!options.EffectiveScopes.Contains("openid"))
        {
            problems.Add($"{Prefix}Scopes must include openid.");
        }
        if (string.IsNullOrWhiteSpace(options.DisplayName) || options.DisplayName.Length > 60)
        {
            problems.Add($"{Prefix}DisplayName must be 1 to 60 characters: it names the provider on the sign-in button.");
        }
        if (string.IsNullOrWhiteSpace(options.GroupsClaim))
        {
            problems.Add($"{Prefix}GroupsClaim must name the claim that lists a person's groups, such as groups or roles.");
        }
        if (options.Groups.Count == 0)
        {
            problems.Add($"{Prefix}Groups is empty: map at least one provider group to SecComms teams; only people in a mapped group sign in.");
        }
        for (var i = 0; i < options.Groups.Count; i++)
        {
            var mapping = options.Groups[i];
            if (string.IsNullOrWhiteSpace(mapping.Group))
            {
                problems.Add($"{Prefix}Groups:{i}:Group is required: the group's name or id as the provider sends it in {options.GroupsClaim}.");
            }
            if (mapping.Teams.Any(string.IsNullOrWhiteSpace))
            {
                problems.Add($"{Prefix}Groups:{i}:Teams has an empty team name.");
            }
        }
        if (options.SessionLifetime <= TimeSpan.Zero)
        {
            problems.Add($"{Prefix}SessionLifetime must be longer than zero, not {options.SessionLifetime}.");
        }
        return Result(problems);
    }

    private static ValidateOptionsResult Result(List<string> problems) =>
        problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
}
