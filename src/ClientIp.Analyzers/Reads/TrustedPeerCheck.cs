using System;
using System.Threading;
using ClientIp.Analyzers.Common;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace ClientIp.Analyzers.Reads;

/// <summary>
/// Checks of the direct peer, with the resolver's notion of a trusted peer: the peer compared with loopback
/// (<c>IPAddress.IsLoopback(peer)</c>, <c>peer.Equals(IPAddress.Loopback)</c>, <c>ip == "127.0.0.1"</c>,
/// <c>ip is "::1"</c>) or with a known set (<c>set.Contains(peer)</c>, <c>network.Contains(peer)</c>,
/// <c>ip.StartsWith("10.")</c>), or any yes/no question asked about it (<c>IsTrustedProxy(peer)</c>, <c>IsPrivate(peer)</c>);
/// also a yes/no question named <c>...Trust...</c>, <c>...Proxy...</c> or <c>...Local...</c> asked about the request
/// (<c>IsFromTrustedProxy(ctx)</c>, <c>request.IsLocal()</c>).
/// </summary>
/// <remarks>
/// <para>Such a check is a <b>proxy-trust check</b> when it decides what happens to forwarding headers (they are read,
/// stripped or overwritten behind it): reads only reached when it passed are guarded (no CIP0002), and the peer reads
/// of that code are a resolver's own (no CIP0001). Otherwise the check decides access or identity (an allow-list, a
/// loopback-only admin page, a ban list, a webhook source check): the peer is used as the client, and that is CIP0001.</para>
/// <para>"Passed" follows the condition's polarity through <c>!</c>, <c>&amp;&amp;</c>, <c>||</c>, <c>== false</c>,
/// <c>!=</c>, <c>is not</c> and bool locals: <c>if (!IsLoopback(peer)) return peer;</c> guards what follows,
/// <c>if (IsLoopback(peer)) return peer;</c> does not.</para>
/// </remarks>
internal static class TrustedPeerCheck
{
    private const int MaxDepth = 4;

    /// <summary>
    /// Whether <paramref name="operation"/> is only reached when a peer check passed: a branch of an <c>if</c> or
    /// <c>?:</c>, the right side of <c>&amp;&amp;</c>/<c>||</c>, or the code after <c>if (...) return;</c>.
    /// </summary>
    public static bool IsGuarded(IOperation operation, WellKnownSymbols symbols, CancellationToken ct) =>
        IsControlled(operation, requirePass: true, symbols, ct);

    /// <summary>
    /// Whether a read of the peer belongs to a proxy-trust decision rather than to the peer used as the client: it is
    /// asked a proxy question by name (<c>IsTrustedProxy(peer)</c>, or inside a bool member named <c>...Proxy...</c>),
    /// or its function reads, strips or overwrites a forwarding header behind a peer check (a hand-written resolver,
    /// whose fallback to the peer is what the resolver does too).
    /// </summary>
    public static bool IsProxyTrustCode(IOperation peerRead, ISymbol? containingSymbol, WellKnownSymbols symbols, CancellationToken ct)
    {
        var call = ArgumentOf(peerRead);
        if (call is { TargetMethod.ReturnType.SpecialType: SpecialType.System_Boolean } && NamesProxy(NameOf(call)))
        {
            return true; // IsTrustedProxy(peer), IsKnownProxy(ctx.Connection.RemoteIpAddress)
        }

        var function = OperationWalk.EnclosingFunction(peerRead);
        var owner = function is ILocalFunctionOperation local ? local.Symbol : function is IAnonymousFunctionOperation ? null : containingSymbol;
        if (owner is IMethodSymbol { ReturnType.SpecialType: SpecialType.System_Boolean } method && NamesProxy(method.Name))
        {
            return true;
        }

        // The function is a resolver, or hands the peer to one of this compilation: Resolve(ctx.Connection.RemoteIpAddress, ctx.Request.Headers).
        return DecidesForwardingHeaders(function, symbols, ct) ||
            (call?.TargetMethod is { } callee && OperationWalk.SourceBody(callee.ReducedFrom ?? callee, symbols.Compilation, ct) is { } body &&
             DecidesForwardingHeaders(body, symbols, ct));
    }

    private static bool DecidesForwardingHeaders(IOperation function, WellKnownSymbols symbols, CancellationToken ct)
    {
        foreach (var descendant in function.Descendants())
        {
            ct.ThrowIfCancellationRequested();
            if (descendant is IPropertyReferenceOperation or IInvocationOperation &&
                IsForwardingHeaderAccess(descendant, symbols, ct) &&
                IsControlled(descendant, requirePass: false, symbols, ct))
            {
                return true;
            }
        }

        return false;
    }

    // A client-IP header read, written or removed; or any header read by a name parameter (a helper that trusts the peer).
    private static bool IsForwardingHeaderAccess(IOperation operation, WellKnownSymbols symbols, CancellationToken ct) =>
        HeaderReadMatcher.Match(operation, symbols, ct) is not null || HeaderReadMatcher.IsWriteOrRemoval(operation, symbols, ct) ||
        HeaderReadMatcher.MatchByParameter(operation, symbols, ct) is not null;

    /// <summary>The call the peer read is (part of) an argument of, a few steps up (<c>IsTrustedProxy(peer?.MapToIPv4())</c>).</summary>
    private static IInvocationOperation? ArgumentOf(IOperation peerRead)
    {
        var current = peerRead;
        for (var depth = 0; depth < 6 && current.Parent is { } parent; depth++, current = parent)
        {
            if (parent is IInvocationOperation call && call.Instance != current)
            {
                return current is IArgumentOperation ? call : null;
            }

            if (OperationWalk.IsFunctionBoundary(parent) || parent is IBlockOperation or IExpressionStatementOperation)
            {
                return null;
            }
        }

        return null;
    }

    private static bool NamesProxy(string name) =>
        name.IndexOf("Proxy", StringComparison.OrdinalIgnoreCase) >= 0 || name.IndexOf("Proxies", StringComparison.OrdinalIgnoreCase) >= 0;

    /// <param name="operation">The operation whose position is asked about.</param>
    /// <param name="requirePass">True: only where the check passed (a guard). False: anywhere a check decides (either branch).</param>
    /// <param name="symbols">The compilation's well-known symbols.</param>
    /// <param name="ct">Cancellation.</param>
    private static bool IsControlled(IOperation operation, bool requirePass, WellKnownSymbols symbols, CancellationToken ct)
    {
        for (IOperation? child = operation, parent = operation.Parent; parent is not null; child = parent, parent = parent.Parent)
        {
            ct.ThrowIfCancellationRequested();
            if (OperationWalk.IsFunctionBoundary(child))
            {
                return false; // a check outside the lambda or local function does not guard it
            }

            switch (parent)
            {
                case IConditionalOperation conditional when conditional.Condition != child:
                    if (Decides(conditional.Condition, outcome: conditional.WhenTrue == child, requirePass, symbols, ct))
                    {
                        return true;
                    }

                    break;
                case IBinaryOperation { OperatorKind: BinaryOperatorKind.ConditionalAnd or BinaryOperatorKind.ConditionalOr } both when both.RightOperand == child:
                    // `check && read` runs the read when the check passed; `check || read` when it failed.
                    if (Decides(both.LeftOperand, outcome: both.OperatorKind == BinaryOperatorKind.ConditionalAnd, requirePass, symbols, ct))
                    {
                        return true;
                    }

                    break;
                case IBlockOperation block:
                    foreach (var statement in block.Operations)
                    {
                        if (statement == child)
                        {
                            break;
                        }

                        // `if (cond) return;` (or throw, break, continue): what follows runs when cond was false.
                        if (statement is IConditionalOperation { WhenTrue: var exit, WhenFalse: null } guard && Exits(exit) &&
                            Decides(guard.Condition, outcome: false, requirePass, symbols, ct))
                        {
                            return true;
                        }
                    }

                    break;
            }
        }

        return false;
    }

    private static bool Decides(IOperation condition, bool outcome, bool requirePass, WellKnownSymbols symbols, CancellationToken ct) =>
        requirePass ? Passes(condition, outcome, symbols, ct, 0) : Mentions(condition, symbols, ct, 0);

    /// <summary>Whether <paramref name="condition"/> evaluating to <paramref name="outcome"/> means a peer check passed.</summary>
    private static bool Passes(IOperation? condition, bool outcome, WellKnownSymbols symbols, CancellationToken ct, int depth)
    {
        condition = OperationWalk.SkipConversions(condition);
        if (condition is null || depth > MaxDepth)
        {
            return false;
        }

        switch (condition)
        {
            case IUnaryOperation { OperatorKind: UnaryOperatorKind.Not } not:
                return Passes(not.Operand, !outcome, symbols, ct, depth + 1);
            case IBinaryOperation { OperatorKind: BinaryOperatorKind.ConditionalAnd or BinaryOperatorKind.And, Type.SpecialType: SpecialType.System_Boolean } and:
                return outcome && (Passes(and.LeftOperand, true, symbols, ct, depth + 1) || Passes(and.RightOperand, true, symbols, ct, depth + 1));
            case IBinaryOperation { OperatorKind: BinaryOperatorKind.ConditionalOr or BinaryOperatorKind.Or, Type.SpecialType: SpecialType.System_Boolean } or:
                return outcome
                    ? Passes(or.LeftOperand, true, symbols, ct, depth + 1) && Passes(or.RightOperand, true, symbols, ct, depth + 1)
                    : Passes(or.LeftOperand, false, symbols, ct, depth + 1) || Passes(or.RightOperand, false, symbols, ct, depth + 1);
            case IBinaryOperation { OperatorKind: BinaryOperatorKind.Equals or BinaryOperatorKind.NotEquals } comparison
                when BoolConstant(comparison.RightOperand) is { } constant:
                // `check == false`, `check != true`
                return Passes(comparison.LeftOperand, outcome == (constant == (comparison.OperatorKind == BinaryOperatorKind.Equals)), symbols, ct, depth + 1);
            case ILocalReferenceOperation { Type.SpecialType: SpecialType.System_Boolean } local:
                return Initializer(local, ct) is { } initializer && Passes(initializer, outcome, symbols, ct, depth + 1);
            default:
                var polarity = Polarity(condition, symbols, ct);
                return polarity != 0 && outcome == polarity > 0;
        }
    }

    /// <summary>Whether a peer check appears anywhere in <paramref name="condition"/> (either outcome decides something).</summary>
    private static bool Mentions(IOperation condition, WellKnownSymbols symbols, CancellationToken ct, int depth)
    {
        foreach (var descendant in condition.DescendantsAndSelf())
        {
            if (Polarity(descendant, symbols, ct) != 0 ||
                (depth < MaxDepth && descendant is ILocalReferenceOperation { Type.SpecialType: SpecialType.System_Boolean } local &&
                 Initializer(local, ct) is { } initializer && Mentions(initializer, symbols, ct, depth + 1)))
            {
                return true;
            }
        }

        return false;
    }

    private static bool? BoolConstant(IOperation operation) =>
        OperationWalk.SkipConversions(operation)?.ConstantValue is { HasValue: true, Value: bool value } ? value : null;

    /// <summary>
    /// +1 for a peer check that is true when the peer is trusted (<c>IsLoopback(peer)</c>, <c>ip == "::1"</c>,
    /// <c>set.Contains(peer)</c>), -1 for its negated spelling (<c>ip != "127.0.0.1"</c>, <c>ip is not "::1"</c>),
    /// 0 for anything else (a null test of the peer is not a check).
    /// </summary>
    private static int Polarity(IOperation operation, WellKnownSymbols symbols, CancellationToken ct)
    {
        switch (operation)
        {
            case IInvocationOperation { TargetMethod.ReturnType.SpecialType: SpecialType.System_Boolean } invocation:
                var name = NameOf(invocation);
                if (name is "IsNullOrEmpty" or "IsNullOrWhiteSpace" or "TryParse" or "ReferenceEquals")
                {
                    return 0;
                }

                if ((invocation.Instance is { } instance && InvolvesPeer(instance, symbols, ct, 0)) || HasPeerArgument(invocation, name, symbols, ct))
                {
                    return 1;
                }

                return 0;
            case IBinaryOperation { OperatorKind: BinaryOperatorKind.Equals or BinaryOperatorKind.NotEquals } comparison:
                var left = InvolvesPeer(comparison.LeftOperand, symbols, ct, 0);
                var right = InvolvesPeer(comparison.RightOperand, symbols, ct, 0);
                if (left == right || OperationWalk.IsNullOrEmptyConstant(left ? comparison.RightOperand : comparison.LeftOperand))
                {
                    return 0;
                }

                return comparison.OperatorKind == BinaryOperatorKind.Equals ? 1 : -1;
            case IIsPatternOperation pattern when InvolvesPeer(pattern.Value, symbols, ct, 0):
                return PatternPolarity(pattern.Pattern);
            default:
                return 0;
        }
    }

    /// <summary><c>"::1"</c>, <c>"127.0.0.1" or "::1"</c>: +1; <c>not "::1"</c>: -1; null tests and the rest: 0.</summary>
    private static int PatternPolarity(IPatternOperation pattern) => pattern switch
    {
        IConstantPatternOperation constant => OperationWalk.IsNullOrEmptyConstant(constant.Value) ? 0 : 1,
        INegatedPatternOperation negated => -PatternPolarity(negated.Pattern),
        IBinaryPatternOperation { OperatorKind: BinaryOperatorKind.Or } or =>
            PatternPolarity(or.LeftPattern) == 1 && PatternPolarity(or.RightPattern) == 1 ? 1 : 0,
        _ => 0,
    };

    /// <summary>
    /// The question is asked about the peer: an argument holds its address, or, for a method named like a trust or
    /// locality question (<c>IsTrustedProxy(ctx)</c>, <c>request.IsLocal()</c>), the request, connection or context that carries it.
    /// </summary>
    private static bool HasPeerArgument(IInvocationOperation invocation, string name, WellKnownSymbols symbols, CancellationToken ct)
    {
        var namesTrust = name.IndexOf("Trust", StringComparison.OrdinalIgnoreCase) >= 0 || NamesProxy(name) ||
            name.IndexOf("Local", StringComparison.OrdinalIgnoreCase) >= 0 || name.IndexOf("Loopback", StringComparison.OrdinalIgnoreCase) >= 0;
        foreach (var argument in invocation.Arguments)
        {
            var value = OperationWalk.SkipConversions(argument.Value);
            if (value is not null && (InvolvesPeer(value, symbols, ct, 0) || (namesTrust && symbols.IsPeerCarrier(value.Type))))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The method's name, or for a delegate call (<c>isTrustedProxy(peer)</c>) the delegate's name.</summary>
    private static string NameOf(IInvocationOperation invocation)
    {
        if (invocation.TargetMethod.MethodKind != MethodKind.DelegateInvoke)
        {
            return invocation.TargetMethod.Name;
        }

        return invocation.Instance switch
        {
            IParameterReferenceOperation p => p.Parameter.Name,
            ILocalReferenceOperation l => l.Local.Name,
            IFieldReferenceOperation f => f.Field.Name,
            IPropertyReferenceOperation p => p.Property.Name,
            _ => string.Empty,
        };
    }

    /// <summary>
    /// Whether the value is (derived from) the peer's address: a peer read, a local holding one (declared from it or
    /// bound by a pattern on it), or an address or endpoint parameter (a helper handed the peer).
    /// </summary>
    private static bool InvolvesPeer(IOperation scope, WellKnownSymbols symbols, CancellationToken ct, int depth)
    {
        foreach (var descendant in scope.DescendantsAndSelf())
        {
            switch (descendant)
            {
                case IPropertyReferenceOperation or IInvocationOperation when PeerAddress.Match(descendant, symbols, ct) is not null:
                    return true;
                case ILocalReferenceOperation local when depth < MaxDepth && HoldsPeer(local, symbols, ct, depth):
                    return true;
                case IParameterReferenceOperation parameter when
                    symbols.InheritsFrom(parameter.Type, WellKnownType.System_Net_IPAddress) || symbols.InheritsFrom(parameter.Type, WellKnownType.System_Net_IPEndPoint):
                    return true;
            }
        }

        return false;
    }

    private static bool HoldsPeer(ILocalReferenceOperation reference, WellKnownSymbols symbols, CancellationToken ct, int depth)
    {
        foreach (var syntaxReference in reference.Local.DeclaringSyntaxReferences)
        {
            var source = syntaxReference.GetSyntax(ct) switch
            {
                VariableDeclaratorSyntax { Initializer.Value: { } value } => value,
                // `peer is { } p`, `ctx.Connection.RemoteIpAddress is IPAddress ip`: the pattern's input.
                SingleVariableDesignationSyntax designation => designation.FirstAncestorOrSelf<IsPatternExpressionSyntax>()?.Expression,
                _ => null,
            };
            if (source is not null && source.SyntaxTree == reference.Syntax.SyntaxTree &&
                reference.SemanticModel?.GetOperation(source, ct) is { } initializer &&
                InvolvesPeer(initializer, symbols, ct, depth + 1))
            {
                return true;
            }
        }

        return false;
    }

    private static IOperation? Initializer(ILocalReferenceOperation reference, CancellationToken ct)
    {
        foreach (var syntaxReference in reference.Local.DeclaringSyntaxReferences)
        {
            if (syntaxReference.GetSyntax(ct) is VariableDeclaratorSyntax { Initializer.Value: { } value } &&
                value.SyntaxTree == reference.Syntax.SyntaxTree)
            {
                return reference.SemanticModel?.GetOperation(value, ct);
            }
        }

        return null;
    }

    private static bool Exits(IOperation operation) => operation switch
    {
        IReturnOperation or IThrowOperation or IBranchOperation => true,
        IExpressionStatementOperation { Operation: IThrowOperation } => true,
        IBlockOperation { Operations.Length: > 0 } block => Exits(block.Operations[block.Operations.Length - 1]),
        _ => false,
    };
}
