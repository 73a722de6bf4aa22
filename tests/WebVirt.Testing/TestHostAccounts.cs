using System.Diagnostics;
using System.Security.Cryptography;

namespace WebVirt.Testing;

/// <summary>
/// Real host accounts for PAM login tests (the tests run as root): two groups, a user in the
/// operator group, a user in no mapped group, and a PAM service of their own in /etc/pam.d.
/// All names carry a random suffix; everything is removed afterwards, also when setting up fails.
/// </summary>
public sealed class TestHostAccounts : IAsyncDisposable
{
    private readonly string _suffix = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4));
    private readonly List<string> _users = [];
    private readonly List<string> _groups = [];

    public string OperatorGroup => "wvtop" + _suffix;

    public string AdminGroup => "wvtadm" + _suffix;

    public string Member => "wvtpam" + _suffix;

    public string Outsider => "wvtout" + _suffix;

    public string Password { get; } = "Pam-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8));

    public string Service => "webvirt-test-" + _suffix;

    public string ServicePath => Path.Combine("/etc/pam.d", Service);

    private TestHostAccounts()
    {
    }

    public static async Task<TestHostAccounts> CreateAsync()
    {
        var accounts = new TestHostAccounts();
        try
        {
            await accounts.AddGroupAsync(accounts.OperatorGroup);
            await accounts.AddGroupAsync(accounts.AdminGroup);
            await accounts.AddUserAsync(accounts.Member, accounts.OperatorGroup);
            await accounts.AddUserAsync(accounts.Outsider, null);
            await File.WriteAllTextAsync(accounts.ServicePath, "@include common-auth\n@include common-account\n");
            return accounts;
        }
        catch
        {
            await accounts.DisposeAsync();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        File.Delete(ServicePath);
        foreach (var user in _users)
        {
            await RunAsync("userdel", "-r", user);
        }

        foreach (var group in _groups)
        {
            await RunAsync("groupdel", group);
        }
    }

    public Task JoinAsync(string user, string group) => CheckedAsync("gpasswd", "-a", user, group);

    public Task LeaveAsync(string user, string group) => CheckedAsync("gpasswd", "-d", user, group);

    private async Task AddGroupAsync(string group)
    {
        await CheckedAsync("groupadd", group);
        _groups.Add(group);
    }

    private async Task AddUserAsync(string user, string? group)
    {
        var arguments = new List<string> { "--create-home", "--shell", "/usr/sbin/nologin" };
        if (group is not null)
        {
            arguments.AddRange(["--groups", group]);
        }

        arguments.Add(user);
        await CheckedAsync("useradd", [.. arguments]);
        _users.Add(user);
        await CheckedAsync("chpasswd", [], $"{user}:{Password}\n");
    }

    private static async Task CheckedAsync(string program, params string[] arguments) => await CheckedAsync(program, arguments, null);

    private static async Task CheckedAsync(string program, string[] arguments, string? input)
    {
        var (exitCode, errors) = await RunAsync(program, arguments, input);
        if (exitCode != 0)
        {
            throw new InvalidOperationException($"{program} {string.Join(' ', arguments)} failed ({exitCode}): {errors}");
        }
    }

    private static Task<(int ExitCode, string Errors)> RunAsync(string program, params string[] arguments) => RunAsync(program, arguments, null);

    private static async Task<(int ExitCode, string Errors)> RunAsync(string program, string[] arguments, string? input)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardError = true, RedirectStandardInput = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        if (input is not null)
        {
            await process.StandardInput.WriteAsync(input);
        }

        process.StandardInput.Close();
        var errors = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, errors);
    }
}
