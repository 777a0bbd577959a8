using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace SecComms.Core.Advisories.Exports;

public static class AdvisoryExports
{
    /// <summary>Registers the CSAF, OSV and CVE writers, with the publisher settings checked when the host starts.</summary>
    public static IServiceCollection AddAdvisoryExports(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<AdvisoryPublisherOptions>().Bind(configuration.GetSection(AdvisoryPublisherOptions.Section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<AdvisoryPublisherOptions>, AdvisoryPublisherOptionsValidator>();
        services.AddSingleton(provider => new CsafWriter(provider.GetRequiredService<IOptions<AdvisoryPublisherOptions>>().Value));
        services.AddSingleton(provider => new OsvWriter(provider.GetRequiredService<IOptions<AdvisoryPublisherOptions>>().Value));
        services.AddSingleton(provider => new CveWriter(provider.GetRequiredService<IOptions<AdvisoryPublisherOptions>>().Value));
        return services;
    }
}
