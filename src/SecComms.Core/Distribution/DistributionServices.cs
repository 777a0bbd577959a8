using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace SecComms.Core.Distribution;

public static class DistributionServices
{
    /// <summary>Registers audiences, dispatches, the sender and webhooks, with the <c>Distribution</c> and <c>Webhooks</c> settings checked at start.</summary>
    public static IServiceCollection AddSecCommsDistribution(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<DistributionOptions>().Bind(configuration.GetSection(DistributionOptions.Section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<DistributionOptions>, DistributionOptionsValidator>();
        services.AddOptions<WebhookOptions>().Bind(configuration.GetSection(WebhookOptions.Section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<WebhookOptions>, WebhookOptionsValidator>();
        services.AddSingleton<DistributionSignal>();
        services.AddSingleton<AudienceAccess>();
        services.AddScoped<Organizations>();
        services.AddScoped<Segments>();
        services.AddScoped<ContactImport>();
        services.AddScoped<ContactExport>();
        services.AddScoped<CommunicationAudiences>();
        services.AddScoped<DispatchPlanner>();
        services.AddScoped<Dispatches>();
        services.AddScoped<DispatchSender>();
        services.AddScoped<WebhookEvents>();
        services.AddScoped<Webhooks>();
        services.AddScoped<WebhookSender>();
        services.AddSingleton<WebhookDestinations>();
        services.AddSingleton<WebhookClient>();
        return services;
    }
}

internal sealed class DistributionOptionsValidator : IValidateOptions<DistributionOptions>
{
    public ValidateOptionsResult Validate(string? name, DistributionOptions options)
    {
        var problems = new List<string>();
        void Positive(TimeSpan value, string key)
        {
            if (value <= TimeSpan.Zero)
            {
                problems.Add($"Distribution:{key} must be positive, such as 00:00:30.");
            }
        }
        void Between(int value, int min, int max, string key)
        {
            if (value < min || value > max)
            {
                problems.Add($"Distribution:{key} must be between {min} and {max}, not {value}.");
            }
        }
        Positive(options.ClaimLease, nameof(options.ClaimLease));
        Positive(options.PollInterval, nameof(options.PollInterval));
        Positive(options.RetryDelay, nameof(options.RetryDelay));
        Positive(options.MaxRetryDelay, nameof(options.MaxRetryDelay));
        Between(options.Concurrency, 1, 64, nameof(options.Concurrency));
        Between(options.ClaimBatch, 1, 10_000, nameof(options.ClaimBatch));
        Between(options.OutcomeBatch, 1, 1_000, nameof(options.OutcomeBatch));
        Between(options.MaxAttempts, 1, 100, nameof(options.MaxAttempts));
        if (options.RateLimit < 0 || double.IsNaN(options.RateLimit))
        {
            problems.Add($"Distribution:RateLimit must be 0 (no limit) or a number of messages per second, not {options.RateLimit}.");
        }
        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }
}
