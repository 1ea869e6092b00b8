using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using System.Threading;
using ClientIp.Analyzers.Common;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace ClientIp.Analyzers.Reads;

/// <summary>
/// A small helper of this compilation that reads a header by a <c>string</c> parameter
/// (<c>static string? Header(HttpContext ctx, string name) => ctx.Request.Headers[name]</c>), called with a client-IP
/// header name: the call is the read, and is reported at the call site. One level only: the helper's body is looked at
/// once per compilation, and only for calls that pass a literal, constant or loop-variable client-IP name.
/// </summary>
/// <remarks>
/// A helper whose read only tests presence, only logs, or sits behind a trusted-peer check is not a read. A helper that
/// selects the leftmost entry of what it read makes its call a CIP0003.
/// </remarks>
internal static class HeaderHelpers
{
    private static readonly ConditionalWeakTable<Compilation, ConcurrentDictionary<IMethodSymbol, Helper>> PerCompilation = new();
    private static readonly Helper NotAHelper = new(-1, -1, isText: false, selectsLeftmost: false);

    /// <summary>
    /// Whether a call may be a helper call, asked of every call whose name no rule lists: the callee is a method of this
    /// compilation and an argument may name a header (<see cref="MayNameHeader"/>). Where the callee is declared comes
    /// first: a method from metadata (nearly every call's) has no source location, which its own symbol answers at once,
    /// so the arguments are looked at only for calls of the project's own methods, and the callee's assembly (a chain of
    /// symbols nothing else touches) only for those that pass a possible name (bench/analyzer-cost/README.md, levers 10
    /// and 14).
    /// </summary>
    public static bool MayBeHelperCall(IInvocationOperation invocation, Compilation compilation)
    {
        var method = invocation.TargetMethod;
        if (!IsDeclaredInSource(method))
        {
            return false;
        }

        foreach (var argument in invocation.Arguments)
        {
            if (MayNameHeader(argument.Value))
            {
                return IsOfCompilation(method, compilation);
            }
        }

        return false;
    }

    /// <summary>
    /// Only a method of this compilation can be a helper. A method from metadata says so from its own symbol (its
    /// location is in metadata); a method declared in source is then told apart by assembly (in the IDE, a referenced
    /// project's methods are source methods too).
    /// </summary>
    private static bool MayBeHelper(IMethodSymbol method, Compilation compilation) => IsDeclaredInSource(method) && IsOfCompilation(method, compilation);

    private static bool IsDeclaredInSource(IMethodSymbol method)
    {
        var locations = method.Locations;
        return locations.Length > 0 && locations[0].IsInSource;
    }

    private static bool IsOfCompilation(IMethodSymbol method, Compilation compilation) =>
        SymbolEqualityComparer.Default.Equals(method.ContainingAssembly, compilation.Assembly);

    public static HeaderRead? MatchCall(IInvocationOperation invocation, WellKnownSymbols symbols, CancellationToken ct)
    {
        var method = (invocation.TargetMethod.ReducedFrom ?? invocation.TargetMethod).OriginalDefinition;
        if (!MayBeHelper(method, symbols.Compilation))
        {
            return null;
        }

        // Then a string argument naming a client-IP header, before the callee's body is looked at.
        IArgumentOperation? named = null;
        (string Header, string? ListHeader)? header = null;
        foreach (var argument in invocation.Arguments)
        {
            if (MayNameHeader(argument.Value) &&
                HeaderNameResolver.FindClientIpHeader(argument.Value, symbols, ct) is { } found)
            {
                named = argument;
                header = found;
                break;
            }
        }

        if (named?.Parameter is not { } parameter || header is not { } name || method.DeclaringSyntaxReferences.Length != 1 ||
            ClientIpLibrary.IsInClientIpLibrary(method))
        {
            return null;
        }

        var helper = SummaryOf(method, symbols, ct);
        if (helper.NameOrdinal != parameter.Ordinal || PassesResponse(invocation, symbols))
        {
            return null;
        }

        var value = helper.OutOrdinal >= 0 ? OutArgument(invocation, helper.OutOrdinal) : invocation;
        return new HeaderRead(invocation, name.Header, value, helper.IsText, isAspNetCore: true)
            .WithListHeader(name.ListHeader)
            .WithHelperSelectingLeftmost(helper.SelectsLeftmost);
    }

    // Its own method: the lambda's closure is allocated on entry to the method that holds it, and MatchCall returns
    // early on nearly every call.
    private static Helper SummaryOf(IMethodSymbol method, WellKnownSymbols symbols, CancellationToken ct) =>
        PerCompilation.GetValue(symbols.Compilation, static _ => new ConcurrentDictionary<IMethodSymbol, Helper>(SymbolEqualityComparer.Default))
            .GetOrAdd(method, m => Summarize(m, symbols, ct) ?? NotAHelper);

    // A string argument that is a literal, constant, field, property or loop variable: a local is only followed when a
    // foreach declares it (no whole-member scan here). Told by kind first, so the commonest arguments (parameters,
    // calls, creations: never constant) skip the constant-value ask, one of the dearer steps on this every-call path
    // (bench/analyzer-cost/README.md, lever 10). By OperationKind, not by type patterns: each pattern that fails is a
    // search of the operation's interface list.
    private static bool MayNameHeader(IOperation value)
    {
        var operation = OperationWalk.SkipConversions(value);
        if (operation is null)
        {
            return false;
        }

        var mayName = operation.Kind switch
        {
            OperationKind.ParameterReference or OperationKind.Invocation or OperationKind.ObjectCreation or OperationKind.InstanceReference => false,
            OperationKind.Literal or OperationKind.FieldReference or OperationKind.PropertyReference => true,
            OperationKind.LocalReference => operation.ConstantValue.HasValue || IsForEachVariable((ILocalReferenceOperation)operation),
            _ => operation.ConstantValue.HasValue,
        };
        return mayName && value.Type?.SpecialType == SpecialType.System_String;
    }

    // Found from the enclosing loops rather than the local's declaring syntax, which is built anew on every ask.
    private static bool IsForEachVariable(ILocalReferenceOperation reference)
    {
        for (var parent = reference.Parent; parent is not null; parent = parent.Parent)
        {
            if (parent is IForEachLoopOperation { LoopControlVariable: IVariableDeclaratorOperation declarator } &&
                SymbolEqualityComparer.Default.Equals(declarator.Symbol, reference.Local))
            {
                return true;
            }
        }

        return false;
    }

    private static Helper? Summarize(IMethodSymbol method, WellKnownSymbols symbols, CancellationToken ct)
    {
        if (OperationWalk.SourceBody(method, symbols.Compilation, ct) is not { } body)
        {
            return null;
        }

        foreach (var descendant in body.Descendants())
        {
            ct.ThrowIfCancellationRequested();
            if (descendant is not (IPropertyReferenceOperation or IInvocationOperation) ||
                HeaderReadMatcher.MatchByParameter(descendant, symbols, ct) is not { } found ||
                found.Parameter.Type.SpecialType != SpecialType.System_String ||
                !SymbolEqualityComparer.Default.Equals(found.Parameter.ContainingSymbol, method) ||
                TrustedPeerCheck.IsGuarded(found.Read.Operation, symbols, ct))
            {
                continue;
            }

            var read = found.Read;
            var uses = read.Value is null ? default : ValueUses.Summarize(read.Value, read.IsText, symbols, ct);
            if (uses.OnlyPresence || uses.OnlyLogging)
            {
                continue; // HasHeader(ctx, name), LogHeader(ctx, name): nothing taken from the value for a decision
            }

            var leftmost = LeftmostSelection.Find(read, ct).Count > 0;
            return new Helper(found.Parameter.Ordinal, OutStringOrdinal(method), method.ReturnType.SpecialType == SpecialType.System_String, leftmost);
        }

        return null;
    }

    // bool TryGetHeader(HttpContext ctx, string name, out string value): the value is the out argument.
    private static int OutStringOrdinal(IMethodSymbol method)
    {
        if (method.ReturnType.SpecialType != SpecialType.System_Boolean)
        {
            return -1;
        }

        foreach (var parameter in method.Parameters)
        {
            if (parameter.RefKind == RefKind.Out)
            {
                return parameter.Ordinal;
            }
        }

        return -1;
    }

    private static IOperation? OutArgument(IInvocationOperation invocation, int ordinal)
    {
        foreach (var argument in invocation.Arguments)
        {
            if (argument.Parameter?.Ordinal == ordinal)
            {
                return argument.Value switch
                {
                    IDeclarationExpressionOperation { Expression: ILocalReferenceOperation local } => local,
                    ILocalReferenceOperation local => local,
                    _ => null,
                };
            }
        }

        return null;
    }

    // A general-purpose helper handed a response (or its headers) reads what the server sends, not the client.
    private static bool PassesResponse(IInvocationOperation invocation, WellKnownSymbols symbols)
    {
        foreach (var argument in invocation.Arguments)
        {
            var type = OperationWalk.SkipConversions(argument.Value)?.Type;
            if (symbols.InheritsFrom(type, WellKnownType.Microsoft_AspNetCore_Http_HttpResponse) ||
                symbols.InheritsFrom(type, WellKnownType.System_Net_Http_Headers_HttpResponseHeaders) ||
                symbols.InheritsFrom(type, WellKnownType.System_Net_Http_Headers_HttpContentHeaders) ||
                type?.Name == "HttpResponseMessage")
            {
                return true;
            }
        }

        return false;
    }

    private sealed class Helper
    {
        public Helper(int nameOrdinal, int outOrdinal, bool isText, bool selectsLeftmost)
        {
            NameOrdinal = nameOrdinal;
            OutOrdinal = outOrdinal;
            IsText = isText;
            SelectsLeftmost = selectsLeftmost;
        }

        public int NameOrdinal { get; }
        public int OutOrdinal { get; }
        public bool IsText { get; }
        public bool SelectsLeftmost { get; }
    }
}
