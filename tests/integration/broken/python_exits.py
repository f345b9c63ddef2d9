"""Blueprint Python qui quitte l'interpréteur : « sys.exit() » à la fin du fichier.

Un fichier recopié d'un script finit souvent par « sys.exit(main()) ». Ce n'est
pas un blueprint valide : DataCités doit le dire, et surtout pas répondre
« valide » en silence.
"""

import sys


def main() -> int:
    return 0


sys.exit(main())
