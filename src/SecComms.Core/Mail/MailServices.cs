using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using MimeKit;

namespace SecComms.Core.Mail;

public static class MailServices
{
    /// <summary>Registers the <see cref="IMailSender"/> chosen by <c>Mail:Mode</c>, with its settings checked when the host starts.</summary>
    public static IServiceCollection AddSecCommsMail(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<MailOptions>().Bind(configuration.GetSection(MailOptions.Section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<MailOptions>, MailOptionsValidator>();
        services.AddSingleton<PickupMailSender>();
        services.AddSingleton<SmtpMailSender>();
        services.AddSingleton<IMailSender>(provider => provider.GetRequiredService<IOptions<MailOptions>>().Value.IsSmtp
            ? provider.GetRequiredService<SmtpMailSender>()
            : provider.GetRequiredService<PickupMailSender>());
        return services;
    }
}

internal sealed class MailOptionsValidator : IValidateOptions<MailOptions>
{
    public ValidateOptionsResult Validate(string? name, MailOptions options)
    {
        var problems = new List<string>();
        if (!string.Equals(options.Mode, MailOptions.Pickup, StringComparison.OrdinalIgnoreCase) && !options.IsSmtp)
        {
            problems.Add($"Mail:Mode must be {MailOptions.Pickup} or {MailOptions.Smtp}, not '{options.Mode}'.");
        }
        if (!MailboxAddress.TryParse(options.From, out _))
        {
            problems.Add($"Mail:From must be an address such as \"SecComms <seccomms@example.com>\", not '{options.From}'.");
        }
        if (options.Timeout <= TimeSpan.Zero)
        {
            problems.Add("Mail:Timeout must be positive, such as 00:00:30.");
        }
        if (options.IsSmtp)
        {
            if (string.IsNullOrWhiteSpace(options.Host))
            {
                problems.Add("Mail:Host is required when Mail:Mode is smtp.");
            }
            if (options.Port is < 1 or > 65535)
            {
                problems.Add($"Mail:Port must be between 1 and 65535, not {options.Port}.");
            }
            if (!MailSecurity.All.Contains(options.Security))
            {
                problems.Add($"Mail:Security must be one of {string.Join(", ", MailSecurity.All)}, not '{options.Security}'.");
            }
        }
        else if (string.IsNullOrWhiteSpace(options.PickupDirectory))
        {
            problems.Add("Mail:PickupDirectory is required when Mail:Mode is pickup.");
        }
        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }
}
