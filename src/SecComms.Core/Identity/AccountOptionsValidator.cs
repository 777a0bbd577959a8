using Microsoft.Extensions.Options;

namespace SecComms.Core.Identity;

internal sealed class AccountOptionsValidator : IValidateOptions<AccountOptions>
{
    private const string Prefix = AccountOptions.Section + ":";

    public ValidateOptionsResult Validate(string? name, AccountOptions options)
    {
        var problems = new List<string>();
        foreach (var (setting, value) in new[]
        {
            (nameof(options.SignInFailuresPerClient), options.SignInFailuresPerClient),
            (nameof(options.SignInFailuresPerClientAndAccount), options.SignInFailuresPerClientAndAccount),
            (nameof(options.SignInFailuresPerAccount), options.SignInFailuresPerAccount),
        })
        {
            if (value < 1)
            {
                problems.Add($"{Prefix}{setting} must be 1 or more, not {value}.");
            }
        }
        foreach (var (setting, value) in new[]
        {
            (nameof(options.SignInFirstDelay), options.SignInFirstDelay),
            (nameof(options.SignInFailureWindow), options.SignInFailureWindow),
            (nameof(options.KnownDeviceLifetime), options.KnownDeviceLifetime),
        })
        {
            if (value <= TimeSpan.Zero)
            {
                problems.Add($"{Prefix}{setting} must be longer than zero, not {value}.");
            }
        }
        if (options.SignInMaximumDelay < options.SignInFirstDelay)
        {
            problems.Add($"{Prefix}{nameof(options.SignInMaximumDelay)} ({options.SignInMaximumDelay}) must be at least {nameof(options.SignInFirstDelay)} ({options.SignInFirstDelay}).");
        }
        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }
}
