using Gaoxin.Data;
using Microsoft.AspNetCore.DataProtection;

namespace Gaoxin.Features.Hosting;

/// <summary>
/// Data protection (it signs and encrypts the sign-in cookie and the forms' anti-forgery tokens) with its keys in the
/// store, table <c>data_protection_keys</c>, under one application name. So every <c>gaoxin serve</c> on the same
/// database — several instances behind a reverse proxy, without sticky sessions — accepts what any other issued, and a
/// restarted or replaced instance still reads the cookies users already hold. Without this each process would keep its
/// own keys (in its user's home folder, or in memory), and a request that lands on another instance would find itself
/// signed out and its form refused.
/// </summary>
public static class SharedKeys
{
    /// <summary>
    /// Names the application for data protection. The default is the content root (the install folder), which would
    /// set apart two installs of the same version, or an instance upgraded into another folder.
    /// </summary>
    public const string ApplicationName = "Gaoxin";

    public static IServiceCollection AddSharedKeys(this IServiceCollection services)
    {
        services.AddDataProtection()
            .SetApplicationName(ApplicationName)
            .PersistKeysToDbContext<GaoxinDb>();
        services.AddHostedService<KeyRingAtStart>();
        return services;
    }

    /// <summary>
    /// Loads the key ring when the server starts (creating the first key in the store if there is none), so that an
    /// instance started after another finds that one's key instead of making its own at its first sign-in.
    /// </summary>
    private sealed class KeyRingAtStart(IDataProtectionProvider provider) : IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken)
        {
            provider.CreateProtector(nameof(KeyRingAtStart)).Protect([]);
            return Task.CompletedTask;
        }

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
