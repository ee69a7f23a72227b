// src/recipes — loads the built-in recipe definitions (recipes/*.json, data not code) and syncs them
// into work_recipes. May import src/domain, src/db and the root modules (paths).
export { loadRecipeFiles, parseRecipeFile, RecipeFileError, syncRecipes } from "./load.js";
