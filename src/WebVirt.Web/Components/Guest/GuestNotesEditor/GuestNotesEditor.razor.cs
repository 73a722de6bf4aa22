using WebVirt.Web.Data;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Web;
using MudBlazor;
using Microsoft.Extensions.Localization;
using WebVirt.Contracts;
using WebVirt.Web.Agents.Gateway;
using WebVirt.Web.Agents;
using WebVirt.Web.Components.Shared;
using WebVirt.Web.Resources;
using WebVirt.Web.Security;
using WebVirt.Web.Security.Rights;

namespace WebVirt.Web.Components.Guest;

/// <summary>
/// The guest's description and tags, editable for those who may edit the guest; a refusal stays in
/// place with the agent's message and the text as typed, so nothing is lost. Notes the database
/// could not give are shown as not loaded, never as an empty form that could be saved over them;
/// while the database is away saving waits, and what the user typed stays until it is back.
/// </summary>
public partial class GuestNotesEditor : IDisposable
{
    private static readonly char[] TagSeparators = [',', ';', ' '];

    private GuestNotes? _shown;
    private string _description = "";
    private List<string> _tags = [];
    private string? _newTag;
    private bool _canEdit;
    private bool _saving;
    private ActionResult? _failure;
    private bool _unknown;
    private bool _databaseDown;
    private bool _saveWhenBack;
    private IDisposable? _databaseSubscription;

    [Parameter, EditorRequired]
    public string HostId { get; set; } = "";

    [Parameter, EditorRequired]
    public GuestInfo Guest { get; set; } = default!;

    [Parameter, EditorRequired]
    public GuestNotes Notes { get; set; } = GuestNotes.Empty;

    /// <summary>The database did not answer: <see cref="Notes"/> is not what is stored.</summary>
    [Parameter]
    public bool NotesUnknown { get; set; }

    [Parameter]
    public EventCallback Changed { get; set; }

    [Inject]
    private DatabaseHealth Database { get; set; } = default!;

    [CascadingParameter]
    private AgentPresence? Presence { get; set; }

    [Inject]
    private IStringLocalizer<FaultResource> F { get; set; } = default!;

    [Inject]
    private RightsEvaluator Evaluator { get; set; } = default!;

    [CascadingParameter]
    private Task<AuthenticationState>? Authentication { get; set; }

    [Inject]
    private IGuestPageGateway GuestDetails { get; set; } = default!;

    [Inject]
    private ISnackbar Snackbar { get; set; } = default!;

    private bool CanSave => !_saving && !_unknown && !_databaseDown && AwayReason is null && IsDirty;

    /// <summary>Why saving waits: the guest's agent, which keeps the notes, is away.</summary>
    private string? AwayReason => AgentReason.For(Presence, HostId, F);

    private string? SaveBlockedReason => _databaseDown ? F["Database.Down.Title"].Value : AwayReason;

    private bool IsDirty => _description != _shown?.Description || !_tags.SequenceEqual(_shown?.Tags ?? []);

    protected override async Task OnParametersSetAsync()
    {
        if (Authentication is not null)
        {
            var user = (await Authentication).User;
            _canEdit = (await Evaluator.ForAsync(user)).MayOnGuest(Permission.EditGuest, HostId, Guest.Uuid);
        }

        if (NotesUnknown)
        {
            // Nothing is known of what is stored; a user mid-edit keeps the text typed.
            _unknown = _shown is null || !IsDirty;
            return;
        }

        _unknown = false;
        // A re-read after someone else's save replaces the form, unless this user is mid-edit.
        if (_shown is null || (!IsDirty && !ReferenceEquals(_shown, Notes)))
        {
            Show(Notes);
        }
    }

    protected override void OnInitialized()
    {
        _databaseDown = !Database.IsUp;
        _databaseSubscription = Database.Subscribe(up => _ = InvokeAsync(() => OnDatabaseChanged(up)));
    }

    public void Dispose() => _databaseSubscription?.Dispose();

    private void OnDatabaseChanged(bool up)
    {
        _databaseDown = !up;
        // What was typed during the outage is still here: say so, and let it be saved now.
        _saveWhenBack = up && IsDirty && !_unknown;
        StateHasChanged();
    }

    private void Show(GuestNotes notes)
    {
        _shown = notes;
        _description = notes.Description;
        _tags = [.. notes.Tags];
    }

    private void OnTagKeyUp(KeyboardEventArgs args)
    {
        if (args.Key == "Enter")
        {
            AddTags();
        }
    }

    private void AddTags()
    {
        foreach (var tag in (_newTag ?? "").Split(TagSeparators, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (!_tags.Contains(tag, StringComparer.OrdinalIgnoreCase))
            {
                _tags.Add(tag);
            }
        }

        _newTag = "";
    }

    /// <summary>The audit log is read by administrators of any language; it names what changed plainly.</summary>
    private void RemoveTag(string tag) => _tags.Remove(tag);

    private async Task SaveAsync()
    {
        if (!CanSave)
        {
            return;
        }

        _saving = true;
        _failure = null;
        _saveWhenBack = false;
        try
        {
            var notes = new GuestNotes(_description.Trim(), [.. _tags]);
            var result = await GuestDetails.SetGuestNotesAsync(Guest, notes);
            if (!result.Ok)
            {
                _failure = result;
                return;
            }

            _shown = notes;
            Snackbar.Add(G["Notes.Saved", Guest.Name], Severity.Success);
            await Changed.InvokeAsync();
        }
        finally
        {
            _saving = false;
        }
    }
}
