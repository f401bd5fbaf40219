/** Column fragments the early migrations share. Never change them: released migrations use them. */
export const STAMPS = 'created_at INTEGER NOT NULL, updated_at INTEGER NOT NULL';
export const ELEMENTS = "'subject','object','tools','rules','community','division_of_labor','outcome'";
export const LEVELS = "'primary','secondary','tertiary','quaternary'";
