using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace SecComms.Core.Releases.Calendar;

public static class ReleaseCalendarServices
{
    /// <summary>Registers the <see cref="ReleaseCalendar"/>, its settings read and checked when the host starts.</summary>
    public static IServiceCollection AddReleaseCalendar(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<ReleaseCalendarOptions>().Bind(configuration.GetSection(ReleaseCalendarOptions.Section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<ReleaseCalendarOptions>, ReleaseCalendarOptionsValidator>();
        services.AddSingleton<ReleaseCalendar>();
        return services;
    }
}

internal sealed class ReleaseCalendarOptionsValidator : IValidateOptions<ReleaseCalendarOptions>
{
    public ValidateOptionsResult Validate(string? name, ReleaseCalendarOptions options) =>
        ReleaseSchedule.Read(options, out var problems) is null ? ValidateOptionsResult.Fail(problems) : ValidateOptionsResult.Success;
}
