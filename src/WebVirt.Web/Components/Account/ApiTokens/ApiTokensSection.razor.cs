using System.Globalization;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.Localization;
using MudBlazor;
using WebVirt.Web.Api;
using WebVirt.Web.Resources;

namespace WebVirt.Web.Components.Account;

/// <summary>
/// The signed-in user's API tokens on their account page: create one (its text is shown once),
/// see when and from where each was last used, revoke one. The scopes offered stop at the user's role;
/// the metrics right (reading /metrics) is offered to every user with a role.
/// </summary>
public partial class ApiTokensSection
{
    /// <summary>Expiry choices in days; 0 is "never".</summary>
    private static readonly int[] ExpiryChoices = [0, 7, 30, 90, 365];

    private IReadOnlyList<ApiTokenSummary> _tokens = [];
    private ApiTokenScope? _widest;
    private string _name = "";
    private ApiTokenScope _scope = ApiTokenScope.ReadOnly;
    private int _expiryDays = 90;
    private bool _metrics;
    private bool _busy;
    private (string Name, string Token)? _created;

    [Inject]
    private ApiTokenService Tokens { get; set; } = default!;

    [Inject]
    private ISnackbar Snackbar { get; set; } = default!;

    [Inject]
    private TimeProvider Time { get; set; } = default!;

    [Inject]
    private IStringLocalizer<ApiResource> Texts { get; set; } = default!;

    protected override async Task OnInitializedAsync()
    {
        _widest = await Tokens.WidestScopeAsync();
        await ReloadAsync();
    }

    private static string When(DateTimeOffset at) => at.ToLocalTime().ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);

    private string ScopeText(ApiTokenScope scope) => Texts["Tokens.Scope." + scope];

    private string ExpiryText(int days) => days == 0 ? Texts["Tokens.Expiry.Never"] : Texts["Tokens.Expiry.Days", days];

    private async Task ReloadAsync()
    {
        _busy = true;
        try
        {
            _tokens = await Tokens.ListOwnAsync();
        }
        finally
        {
            _busy = false;
        }
    }

    private async Task CreateAsync()
    {
        _busy = true;
        try
        {
            var expires = _expiryDays == 0 ? (DateTimeOffset?)null : Time.GetUtcNow().AddDays(_expiryDays);
            var name = _name.Trim();
            var result = await Tokens.CreateAsync(name, _scope, expires, _metrics);
            if (result.Token is { } token)
            {
                _created = (name, token);
                _name = "";
                _metrics = false;
            }
            else
            {
                Snackbar.Add(Texts["Tokens.Error." + result.Error], Severity.Error);
            }
        }
        finally
        {
            _busy = false;
        }

        await ReloadAsync();
    }

    private async Task RevokeAsync(ApiTokenSummary token)
    {
        var error = await Tokens.RevokeAsync(token.Id);
        Snackbar.Add(error is null ? Texts["Tokens.Revoked", token.Name] : Texts["Tokens.Error." + error], error is null ? Severity.Success : Severity.Error);
        await ReloadAsync();
    }
}
