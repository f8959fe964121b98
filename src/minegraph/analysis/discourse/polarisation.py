"""The polarisation of a window's debate and the two camps that show it (definition and reasons in
docs/discourse-networks.md).

With C the congruence and F the conflict matrix of the window (unnormalised, actors active in it), and a
split of the actors into two camps S and its complement, let cut_C(S) and cut_F(S) be the congruence and the
conflict between the camps. Polarisation is

    P = max over S of  cut_F(S) / ΣF  −  cut_C(S) / ΣC

(a total that is 0 drops its term), i.e. the maximum cut of the signed matrix W = F/ΣF − C/ΣC. P is 1 when
one line separates all the conflict and none of the agreement (two camps, each agreeing within), 0 when
no line separates more conflict than agreement (a consensus, or no conflict at all), and lies between
otherwise. The best split S gives the window's two camps. The maximum is found exactly (every split) up to
:data:`EXACT_ACTORS` active actors, and by deterministic local search (start from the sign of the leading
eigenvector of W, and from the previous window's camps when given, then move single actors while the cut
grows; the better of the two) above, which then gives a lower bound.
"""

from __future__ import annotations

from dataclasses import dataclass

from minegraph.errors import require

from .matrices import as_sparse

#: Up to this many actors with ties every split is tried (2^(n-1) splits).
EXACT_ACTORS = 16
#: Above this many actors the leading eigenvector comes from Lanczos (scipy) rather than a full eigh.
DENSE_EIGEN = 40


@dataclass
class Polarisation:
    """A window's polarisation score, its two camps (actor lists; actors without ties are in neither) and
    whether the score is exact or a local-search lower bound."""

    score: float | None
    camps: tuple[list[str], list[str]]
    exact: bool
    actors: int


def signed_weights(congruence, conflict):
    """W = F / ΣF − C / ΣC over the upper triangle's totals (a zero total drops its term)."""
    np = require("numpy", "analysis")
    c_total, f_total = np.triu(congruence, 1).sum(), np.triu(conflict, 1).sum()
    weights = np.zeros_like(congruence, dtype=float)
    if f_total:
        weights = weights + conflict / f_total
    if c_total:
        weights = weights - congruence / c_total
    np.fill_diagonal(weights, 0.0)
    return weights


def cut(weights, side) -> float:
    """The weight between the two sides of ``side`` (a 0/1 vector), each pair once."""
    np = require("numpy", "analysis")
    side = np.asarray(side, dtype=float)
    return float(side @ weights @ (1.0 - side))


def _exact(weights):
    """The best split over every split with the first actor on side 0 (vectorised, in blocks)."""
    np = require("numpy", "analysis")
    n = weights.shape[0]
    best, best_side = -np.inf, None
    codes = np.arange(2 ** (n - 1), dtype=np.int64)
    for block in np.array_split(codes, max(1, len(codes) // 4096)):
        sides = ((block[:, None] >> np.arange(n - 1)) & 1).astype(float)
        sides = np.hstack([np.zeros((len(block), 1)), sides])
        values = np.einsum("pi,ij,pj->p", sides, weights, 1.0 - sides)
        top = int(np.argmax(values))  # the first maximum: the lowest code, a deterministic tie-break
        if values[top] > best + 1e-12:
            best, best_side = float(values[top]), sides[top]
    return best, best_side


def _leading_side(weights):
    """Sides from the signs of the eigenvector of W's smallest eigenvalue (the max-cut relaxation's direction);
    Lanczos from a fixed start vector above :data:`DENSE_EIGEN` actors, so the result is deterministic."""
    np = require("numpy", "analysis")
    if weights.shape[0] > DENSE_EIGEN:
        from scipy.sparse.linalg import eigsh  # lazy: scipy's Lanczos for a large window only (0.3 s to import)

        vector = eigsh(weights, k=1, which="SA", v0=np.ones(weights.shape[0]))[1][:, 0]
    else:
        vector = np.linalg.eigh(weights)[1][:, 0]
    return (vector > 0).astype(float)


def _local(weights, side):
    """Move single actors to the other side while the cut grows (the best move first); O(n) per move."""
    np = require("numpy", "analysis")
    spin = 1.0 - 2.0 * np.asarray(side, dtype=float)  # +1 on side 0, -1 on side 1
    field = weights @ spin
    while True:
        gain = spin * field  # the cut's change when each actor moves
        best = int(np.argmax(gain))
        if gain[best] <= 1e-12:
            side = (spin < 0).astype(float)
            return cut(weights, side), side
        field -= 2.0 * spin[best] * weights[:, best]
        spin[best] = -spin[best]


def _among(matrix, tied: list[int]):
    """The dense block of ``matrix`` (CSR) between the ``tied`` actors: the camps are searched on it."""
    return matrix[tied][:, tied].toarray()


def polarisation(actors: list[str], congruence, conflict, warm: dict[str, int] | None = None) -> Polarisation:
    """The polarisation of one window and its camps (see the module's docstring); the matrices are sparse or
    dense, actors × actors, and only the actors with a tie take part. ``warm`` (actor → camp of
    the window before) is a second start for the local search above :data:`EXACT_ACTORS` actors."""
    np = require("numpy", "analysis")
    congruence, conflict = as_sparse(congruence), as_sparse(conflict)
    tied = np.flatnonzero((np.diff(congruence.indptr) > 0) | (np.diff(conflict.indptr) > 0)).tolist()
    if len(tied) < 2:
        return Polarisation(None, ([], []), True, len(tied))
    weights = signed_weights(_among(congruence, tied), _among(conflict, tied))
    exact = len(tied) <= EXACT_ACTORS
    if exact:
        value, side = _exact(weights)
    else:
        starts = [_leading_side(weights)]
        if warm:
            starts.append(np.array([float(warm.get(actors[i], 0)) for i in tied]))
        value, side = max((_local(weights, start) for start in starts), key=lambda found: found[0] + 0.0)
    camps = tuple(sorted(actors[tied[i]] for i in range(len(tied)) if side[i] == s) for s in (0.0, 1.0))
    camps = tuple(sorted(camps, key=lambda c: (-len(c), c)))
    return Polarisation(round(max(value, 0.0), 12), camps, exact, len(tied))
