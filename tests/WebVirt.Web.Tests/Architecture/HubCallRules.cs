using System.Reflection;
using System.Text.RegularExpressions;
using WebVirt.Contracts;

namespace WebVirt.Web.Tests.Architecture;

/// <summary>
/// What a web source file may not contain outside the agent hub proxy: a hub method named by
/// <c>nameof(IAgentHub.…)</c>, <c>nameof(IAgentClient.…)</c> or by a string literal, or a call that
/// sends something over a SignalR <c>HubConnection</c> (invoke, send, stream, or a push handler by name).
/// </summary>
public static partial class HubCallRules
{
    /// <summary>The one file allowed to name hub methods, relative to the web project.</summary>
    public const string ProxyFile = "Agents/Gateway/AgentHubProxy.cs";

    private static readonly HashSet<string> HubMethodNames =
        [.. new[] { typeof(IAgentHub), typeof(IAgentClient) }.SelectMany(type => type.GetMethods(BindingFlags.Public | BindingFlags.Instance)).Select(method => method.Name)];

    /// <summary>Why <paramref name="source"/> breaks the rules; empty when it does not.</summary>
    public static IReadOnlyList<string> Violations(string source)
    {
        ArgumentNullException.ThrowIfNull(source);
        var found = new List<string>();
        found.AddRange(NameOfHubMember().Matches(source).Select(match => $"names {match.Value}"));
        found.AddRange(StringLiteral().Matches(source).Select(match => match.Groups[1].Value).Where(HubMethodNames.Contains)
            .Select(name => $"names hub method \"{name}\" by string"));
        // Only a file that can reach a HubConnection (the SignalR client) can send over one; Blazor's
        // own InvokeAsync (JS interop, event callbacks, the renderer) lives in files that cannot.
        if (source.Contains("HubConnection", StringComparison.Ordinal) || source.Contains("SignalR.Client", StringComparison.Ordinal))
        {
            found.AddRange(HubConnectionCall().Matches(source).Select(match => $"calls {match.Value.TrimStart('.')} on a hub connection"));
        }

        found.AddRange(CoreCall().Matches(source).Select(match => $"calls {match.Value.TrimStart('.')}"));
        return found;
    }

    [GeneratedRegex(@"nameof\(\s*(?:[\w.]+\.)?IAgent(?:Hub|Client)\s*\.\s*\w+")]
    private static partial Regex NameOfHubMember();

    [GeneratedRegex("\"([A-Za-z]+)\"")]
    private static partial Regex StringLiteral();

    [GeneratedRegex(@"\.(?:InvokeAsync|SendAsync|StreamAsync|StreamAsChannelAsync|On)\s*[<(]")]
    private static partial Regex HubConnectionCall();

    [GeneratedRegex(@"\.(?:InvokeCoreAsync|SendCoreAsync|StreamAsyncCore|StreamAsChannelCoreAsync)\b")]
    private static partial Regex CoreCall();
}
