using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace SecComms.Core.Notifications;

public static class NotificationServices
{
    /// <summary>Registers the outbox, the planner, the dispatcher and the deadline sweep, with their settings checked at start.</summary>
    public static IServiceCollection AddSecCommsNotifications(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<NotificationOptions>().Bind(configuration.GetSection(NotificationOptions.Section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<NotificationOptions>, NotificationOptionsValidator>();
        services.AddOptions<SiteOptions>().Bind(configuration.GetSection(SiteOptions.Section))
            .Validate(site => SiteOptions.IsValidBaseUrl(site.BaseUrl),
                $"{SiteOptions.BaseUrlKey} must be an absolute http or https address with no query, such as https://security.example.com.")
            .ValidateOnStart();
        services.AddScoped<Outbox>();
        services.AddScoped<NotificationPlanner>();
        services.AddScoped<OutboxDispatcher>();
        services.AddScoped<DeadlineSweep>();
        return services;
    }
}

internal sealed class NotificationOptionsValidator : IValidateOptions<NotificationOptions>
{
    public ValidateOptionsResult Validate(string? name, NotificationOptions options)
    {
        var problems = new List<string>();
        void Positive(TimeSpan value, string key)
        {
            if (value <= TimeSpan.Zero)
            {
                problems.Add($"Notifications:{key} must be positive, such as 00:01:00.");
            }
        }
        Positive(options.DeliveryInterval, nameof(options.DeliveryInterval));
        Positive(options.DeadlineSweepInterval, nameof(options.DeadlineSweepInterval));
        Positive(options.RetryDelay, nameof(options.RetryDelay));
        Positive(options.MaxRetryDelay, nameof(options.MaxRetryDelay));
        if (options.BatchSize is < 1 or > 1000)
        {
            problems.Add($"Notifications:BatchSize must be between 1 and 1000, not {options.BatchSize}.");
        }
        if (options.MaxAttempts < 1)
        {
            problems.Add($"Notifications:MaxAttempts must be at least 1, not {options.MaxAttempts}.");
        }
        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }
}
